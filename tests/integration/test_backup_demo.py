"""The full demo survives ``hicoop backup`` / ``hicoop restore`` (issue 11, ADR 0014): every table
and every media file of a fresh install restored from a backup of the demo is identical to the
demo's own, on SQLite and on PostgreSQL. And ``hicoop demo`` run again on it (issue 9: the
loader and the demo loaders are idempotent) changes no row, writes no history, adds no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
PG_SERVER = os.environ.get("HICOOP_TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")

pytestmark = [pytest.mark.integration, pytest.mark.demo_backup]


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _pg_ok() -> bool:
    try:
        _pg("SELECT 1")
        return True
    except Exception:
        return False


class Install:
    """One hicoop install: its own var directory (media, SQLite) and, on PostgreSQL, its own
    freshly created database."""

    def __init__(self, kind: str, var: Path) -> None:
        self.var = var
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
        self.env.update(
            HICOOP_VAR_DIR=str(var), HICOOP_JOBS_EAGER="true", HICOOP_EMBEDDING_MODEL="off"
        )
        self.dbname = ""
        if kind == "postgres":
            self.dbname = f"hicoop_backup_{uuid.uuid4().hex[:10]}"
            _pg(f'CREATE DATABASE "{self.dbname}"')
            self.env["HICOOP_DATABASE_URL"] = f"{PG_SERVER}/{self.dbname}"

    def run(self, *command: str) -> str:
        done = subprocess.run(
            [sys.executable, *command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        return done.stdout

    def hicoop(self, *args: str) -> str:
        return self.run("-m", "hicoop.cli", *args)

    def contents(self) -> dict[str, Any]:
        out = self.var / "contents.json"
        self.run(str(HERE / "backupctl.py"), str(out))
        data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return data

    def close(self) -> None:
        if self.dbname:
            _pg(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def installs(request: Any, tmp_path: Path) -> Iterator[tuple[Install, Install]]:
    if request.param == "postgres" and not _pg_ok():
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}")
    made: list[Install] = []
    try:
        made.append(Install(request.param, tmp_path / "demo"))
        made.append(Install(request.param, tmp_path / "fresh"))
        yield made[0], made[1]
    finally:
        for install in made:
            install.close()


def _differences(before: dict[str, list[str]], after: dict[str, list[str]]) -> dict[str, Any]:
    """Per differing table: the row counts and the first row only one side has."""
    found = {}
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, []), after.get(table, [])
        if old != new:
            only = sorted(set(old) ^ set(new))[:1]
            found[table] = {"before": len(old), "after": len(new), "e.g.": only}
    return found


def test_the_restored_demo_is_identical_table_by_table_and_file_by_file(
    installs: tuple[Install, Install], tmp_path: Path
) -> None:
    demo, fresh = installs
    # given the full demo (mechanism, accounts, listings, cooperation with its files, matching …)
    demo.hicoop("demo", "--no-serve")
    backup = tmp_path / "demo.tar.gz"
    demo.hicoop("backup", str(backup))
    # when the backup is restored into a fresh install with an empty database and no files
    fresh.hicoop("restore", str(backup))
    # then every table holds the same rows and every file has the same bytes
    before, after = demo.contents(), fresh.contents()
    assert sum(len(rows) for rows in before["tables"].values()) > 1000
    assert _differences(before["tables"], after["tables"]) == {}
    assert before["files"], "the demo has attachment files"
    assert before["files"] == after["files"]
    # and when the demo command runs again on the restored install, nothing changes at all
    output = fresh.hicoop("demo", "--no-serve")
    assert "Mechanism data already up to date." in output
    again = fresh.contents()
    assert _differences(after["tables"], again["tables"]) == {}
    assert again["files"] == after["files"]
