"""Races between real database connections (issue 11, ADR 0011) on a fresh PostgreSQL database: four processes accept one expression of interest at once → exactly one
accepts, one cooperation item with one version; four processes create items at once → four items
with four different numbers, no server error. Before: four item versions, three 500s."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
PG_SERVER = os.environ.get("HICOOP_TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")

pytestmark = [pytest.mark.integration, pytest.mark.postgres_leg]


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


class Database:
    def __init__(self, kind: str, tmp: Path) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
        self.env.update(
            HICOOP_VAR_DIR=str(tmp),
            HICOOP_JOBS_EAGER="true",
            HICOOP_EMBEDDING_MODEL="off",
            HICOOP_QUEUE_NAME=f"race-{uuid.uuid4().hex[:10]}",
        )
        self.dbname = ""
        if kind == "postgres":
            self.dbname = f"hicoop_race_{uuid.uuid4().hex[:10]}"
            _pg(f'CREATE DATABASE "{self.dbname}"')
            self.env["HICOOP_DATABASE_URL"] = f"{PG_SERVER}/{self.dbname}"
        self.path = tmp / "hicoop.sqlite3"

    def run(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, str(HERE / "racectl.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def at_once(self, commands: list[list[str]], lead: float = 25.0) -> list[str]:
        start_at = str(time.time() + lead)
        running = [
            subprocess.Popen(
                [sys.executable, str(HERE / "racectl.py"), *command[:2], start_at],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]
        results = []
        for process in running:
            out, err = process.communicate(timeout=600)
            assert process.returncode == 0, err[-3000:]
            results.append(json.loads(out.strip().splitlines()[-1])["result"])
        return results

    def sql(self, query: str) -> list[Any]:
        if self.dbname:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/{self.dbname}") as conn:
                return [list(r) for r in conn.execute(query).fetchall()]
        with sqlite3.connect(self.path) as conn:
            return [list(r) for r in conn.execute(query).fetchall()]

    def close(self) -> None:
        if self.dbname:
            _pg(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


@pytest.fixture(params=["postgres"])  # SQLite: writers are serial (test_sqlite_concurrency)
def database(request: Any, tmp_path: Path) -> Iterator[Database]:
    if request.param == "postgres" and not _pg_ok():
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}")
    db = Database(request.param, tmp_path)
    try:
        yield db
    finally:
        db.close()


def test_concurrent_accepts_and_item_creations(database: Database) -> None:
    # Given a published demand with an open expression of interest
    interest = database.run("setup")["interest"]
    items_before = database.sql("SELECT COUNT(*) FROM cooperation_cooperationitem")[0][0]
    # When four processes accept it and four create items, all at the same moment
    results = database.at_once(
        [["accept", str(interest)] for _ in range(4)] + [["create", str(n)] for n in range(4)]
    )
    accepts, creations = results[:4], results[4:]
    # Then exactly one accept wins; the others are told it was already answered
    assert sorted(accepts) == ["accepted", *["refused:conflict"] * 3], results
    item = database.sql(f"SELECT item_id FROM matchmaking_interest WHERE id = {int(interest)}")
    versions = database.sql(
        f"SELECT COUNT(*) FROM cooperation_itemversion WHERE item_id = {int(item[0][0])}"
    )
    assert versions[0][0] == 1
    from_demand = database.sql(
        "SELECT COUNT(*) FROM cooperation_cooperationitem WHERE source_demand_id = "
        f"(SELECT demand_id FROM matchmaking_interest WHERE id = {int(interest)})"
    )
    assert from_demand[0][0] == 1
    # and every creation succeeds with a number of its own
    assert not [r for r in creations if r.startswith(("error", "refused"))], results
    assert len(set(creations)) == 4, creations
    items_after = database.sql("SELECT COUNT(*) FROM cooperation_cooperationitem")[0][0]
    assert items_after == items_before + 5
