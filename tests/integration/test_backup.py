"""``hicoop backup`` / ``hicoop restore`` (issue 11, ADR 0014): a backup restored into a fresh
install holds the same rows and files; a backup of another schema version is refused."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def _hicoop(var: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
    env["HICOOP_VAR_DIR"] = str(var)
    done = subprocess.run(
        [sys.executable, "-m", "hicoop.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if check:
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def _members(path: Path) -> dict[str, Any]:
    with tarfile.open(path, "r:gz") as archive:
        data = json.loads(archive.extractfile("data.json").read())  # type: ignore[union-attr]
        files = {
            m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile() and m.name.startswith("media/")
        }
    rows = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in data)
    return {"rows": rows, "files": files}


def test_backup_restore_round_trip_and_schema_check(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    # Given an install with a user account and an attachment file
    _hicoop(source, "migrate", "-v0")
    _hicoop(
        source,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('backup-admin', password='Bk-2026-round-trip', "
        "first_name='备份')",
    )
    (source / "media" / "attachments").mkdir(parents=True)
    (source / "media" / "attachments" / "合同.pdf").write_bytes(b"%PDF-1.4 test\n")
    first = tmp_path / "first.tar.gz"
    _hicoop(source, "backup", str(first))
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    # When it is restored into a fresh install and backed up again
    _hicoop(target, "restore", str(first))
    second = tmp_path / "second.tar.gz"
    _hicoop(target, "backup", str(second))
    # Then every row and every file is identical
    before, after = _members(first), _members(second)
    assert before["rows"] and before["rows"] == after["rows"]
    assert before["files"] == after["files"] == {"media/attachments/合同.pdf": b"%PDF-1.4 test\n"}
    # And a backup claiming another schema version is refused with a clear message
    other = tmp_path / "other.tar.gz"
    with tarfile.open(first, "r:gz") as src, tarfile.open(other, "w:gz") as dst:
        for member in src.getmembers():
            body = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json":
                manifest = json.loads(body)
                manifest["schema"] = [*manifest["schema"], "core.9999_from_the_future"]
                body = json.dumps(manifest).encode()
                member.size = len(body)
            dst.addfile(member, io.BytesIO(body))
    refused = _hicoop(target, "restore", str(other), check=False)
    assert refused.returncode != 0
    assert "schema" in refused.stderr and "结构版本" in refused.stderr
