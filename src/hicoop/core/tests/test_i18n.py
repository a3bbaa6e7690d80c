"""Chinese first, English complete: the zh-hans catalogues cover every string and are compiled.

The package catalogue (``src/hicoop/locale``) holds the strings of the shared templates and the
first apps; each later app keeps its own catalogue in ``src/hicoop/<app>/locale``. Together they
must translate every marked string.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
PO = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CATALOGUES = sorted({PO, *PACKAGE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po")})


def _entries(catalogue: polib._BaseFile) -> dict[tuple[str, str], str]:
    return {
        (e.msgctxt or "", e.msgid): e.msgstr or e.msgstr_plural.get(0, "")
        for e in catalogue
        if not e.obsolete
    }


def _catalogue_id(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_catalogue_id)
class TestEachCatalogue:
    def test_every_entry_is_translated_and_not_fuzzy(self, po_path: Path) -> None:
        po = polib.pofile(str(po_path))
        assert [e.msgid for e in po.untranslated_entries()] == []
        assert [e.msgid for e in po.fuzzy_entries()] == []

    def test_compiled_catalogue_matches_source(self, po_path: Path) -> None:
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), "compile with: msgfmt -o django.mo django.po"
        assert _entries(polib.mofile(str(mo_path))) == _entries(polib.pofile(str(po_path)))


class TestCatalogue:
    def test_catalogue_covers_every_marked_string(self, tmp_path: Path) -> None:
        if shutil.which("xgettext") is None:
            pytest.skip("GNU gettext (xgettext) is not installed: cannot extract strings")
        copy = tmp_path / "hicoop"
        shutil.copytree(
            PACKAGE,
            copy,
            ignore=shutil.ignore_patterns(
                "engine", "bench", "locale", "__pycache__", "tests", "migrations", "static"
            ),
        )
        (copy / "locale").mkdir()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "zh_Hans",
                "--no-location",
                "--settings",
                "hicoop.config.settings",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
        )
        extracted = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
        committed = {
            e.msgid for path in CATALOGUES for e in polib.pofile(str(path)) if not e.obsolete
        }
        missing = sorted(e.msgid for e in extracted if e.msgid not in committed)
        assert missing == [], "run 'hicoop makemessages -l zh_Hans' in src/hicoop and translate"
