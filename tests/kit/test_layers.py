"""The import-linter contracts of pyproject.toml are enforced, not decorative (issue 9): on a copy
of the package tree, a core module importing a later domain breaks the layers contract and an
engine module importing Django breaks the engine's purity; the untouched copy keeps both."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = "Domain layers: a later domain builds on earlier ones, never the reverse"
ENGINE = "The engine is pure: no Django, no other hicoop app"
SKIP = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "static", "locale", "templates", "data", "demo_data", "*.json"
)


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the repository's own configuration, run where only the copy of
    ``hicoop`` is importable (the copy comes first on the path)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert {c["name"] for c in contracts} >= {LAYERS, ENGINE}
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src" / "hicoop", tmp_path / "hicoop", ignore=SKIP)
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


class TestImportContracts:
    def test_the_untouched_tree_keeps_every_contract(self, tree: Path) -> None:
        # given a copy of the package as it is; when lint-imports checks it
        done = _lint(tree)
        # then both contracts are kept
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert f"{LAYERS} KEPT" in done.stdout and f"{ENGINE} KEPT" in done.stdout

    def test_a_core_module_importing_a_domain_and_the_engine_importing_django_fail(
        self, tree: Path
    ) -> None:
        # given a core module that imports listings and an engine module that imports Django
        _append(tree / "hicoop" / "core" / "text.py", "import hicoop.listings  # deliberate")
        _append(tree / "hicoop" / "engine" / "lexical.py", "import django.db  # deliberate")
        # when lint-imports checks the copy
        done = _lint(tree)
        # then it fails, names both broken contracts and the offending imports
        out = done.stdout
        assert done.returncode != 0, out[-3000:]
        assert f"{LAYERS} BROKEN" in out and f"{ENGINE} BROKEN" in out
        assert "hicoop.core.text -> hicoop.listings" in out
        assert "hicoop.engine.lexical -> django (l." in out
