"""The real queue: `hicoop worker` processes take jobs from the default SQLite queue, from Redis
and from PostgreSQL; two workers share the jobs; a worker killed mid-job leaves nothing written
and the job is retried, never lost.

Each case runs on its own fresh database in separate processes (not the test transaction).
"""

from __future__ import annotations

import json
import os
import signal
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
REDIS_URL = os.environ.get("HICOOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PG_SERVER = os.environ.get("HICOOP_TEST_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")

pytestmark = [pytest.mark.integration, pytest.mark.postgres_leg]


def _redis_ok() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:
        return False


def _pg_ok() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


class Backend:
    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
        self.env.update(
            HICOOP_VAR_DIR=str(tmp),
            HICOOP_QUEUE_NAME=f"itest-{uuid.uuid4().hex[:10]}",
            PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
        )
        self.dbname = ""
        if kind == "redis":
            self.env["HICOOP_REDIS_URL"] = REDIS_URL
        if kind == "postgres":
            self.dbname = f"hicoop_itest_{uuid.uuid4().hex[:10]}"
            self._pg(f'CREATE DATABASE "{self.dbname}"')
            self.env["HICOOP_DATABASE_URL"] = f"{PG_SERVER}/{self.dbname}"
        self.workers: list[subprocess.Popen[bytes]] = []

    def _pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def ctl(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, str(HERE / "jobctl.py"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None

    def start_worker(self) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [sys.executable, str(HERE / "jobctl.py"), "worker"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(os.environ.get("ITEST_LOG", os.devnull), "ab"),  # noqa: SIM115
            start_new_session=True,  # its own process group, stopped by id below
        )
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        if worker.poll() is None:
            os.killpg(worker.pid, sig)
        worker.wait(timeout=60)

    def sql(self, query: str) -> list[Any]:
        """Read the workers' database directly (faster than a process per poll)."""
        if self.dbname:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/{self.dbname}") as conn:
                return [list(r) for r in conn.execute(query).fetchall()]
        with sqlite3.connect(Path(self.env["HICOOP_VAR_DIR"]) / "hicoop.sqlite3") as conn:
            return [list(r) for r in conn.execute(query).fetchall()]

    def status(self, ids: list[int]) -> list[Any]:
        listed = ",".join(str(int(i)) for i in ids)
        return self.sql(
            f"SELECT id, status, worker, attempts, message FROM core_job WHERE id IN ({listed}) "
            "ORDER BY id"
        )

    def wait_for(self, ids: list[int], statuses: set[str], timeout: float = 90) -> list[Any]:
        deadline = time.monotonic() + timeout
        while True:
            rows = self.status(ids)
            if all(r[1] in statuses for r in rows) or time.monotonic() > deadline:
                return rows
            time.sleep(0.2)

    def rows(self) -> int:
        found = self.sql("SELECT COUNT(*) FROM core_auditentry WHERE object_repr LIKE 'itest-row%'")
        return int(found[0][0])

    def stop_workers(self) -> None:
        for worker in self.workers:
            self.kill(worker, signal.SIGTERM if worker.poll() is None else signal.SIGKILL)
        self.workers = []

    def close(self) -> None:
        self.stop_workers()
        if self.dbname:
            self._pg(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "redis", "postgres"])
def backend(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    if request.param == "redis" and not _redis_ok():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    if request.param == "postgres" and not _pg_ok():
        pytest.skip(f"PostgreSQL is not reachable at {PG_SERVER}")
    found = Backend(request.param, tmp_path_factory.mktemp(request.param))
    found.ctl("migrate")
    yield found
    found.close()


@pytest.fixture(autouse=True)
def stop_workers(backend: Backend) -> Iterator[None]:
    yield
    backend.stop_workers()


class TestWorkers:
    def test_two_workers_share_the_jobs(self, backend: Backend) -> None:
        # given two workers, when six jobs are queued
        backend.start_worker()
        backend.start_worker()
        ids = backend.ctl("enqueue", "itest.sleep", "6", "1.0")
        # then all finish, and both workers took some
        rows = backend.wait_for(ids, {"succeeded", "failed"})
        assert [r[1] for r in rows] == ["succeeded"] * 6, rows
        assert len({r[2] for r in rows}) == 2, rows

    def test_killed_worker_writes_nothing_and_the_job_is_retried(self, backend: Backend) -> None:
        # given a worker inside a job's write transaction
        worker = backend.start_worker()
        (job_id,) = backend.ctl("enqueue", "itest.write", "1", "0")
        rows = backend.wait_for([job_id], {"running"})
        time.sleep(2.0)  # inside the transaction, past the five inserts
        # when the worker is killed
        backend.kill(worker)
        # then nothing it wrote is stored, and the job is not lost: it is retried and finishes
        assert backend.rows() == 0
        assert backend.ctl("reap") >= 1
        backend.start_worker()
        rows = backend.wait_for([job_id], {"succeeded", "failed"})
        assert rows[0][1] == "succeeded" and rows[0][3] == 2, rows
        assert backend.rows() == 5
