"""SQLite under overlapping writes (issue 11, ADR 0011): threads that each read and then write in
one transaction — the pattern of every service — all succeed; none gets "database is locked".

Runs on a SQLite file of its own with the options of the settings, whatever the test database is.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

from django.db import connections, transaction

from hicoop.config import settings as conf

THREADS = 8
WRITES = 12


def _overlapping_writes(path: Path, options: dict[str, Any]) -> list[str]:
    alias = f"sqlite_concurrency_{threading.get_ident()}_{time.monotonic_ns()}"
    wanted = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}
    connections.settings[alias] = connections.configure_settings(
        {"default": dict(connections.settings["default"]), alias: wanted}
    )[alias]
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(WRITES):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM counter")
                    seen = cursor.fetchone()[0]
                    time.sleep(0.002)  # the others read meanwhile, then all want to write
                    cursor.execute(
                        "INSERT INTO counter (who, seen) VALUES (%s, %s)", [n * 100 + i, seen]
                    )
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections[alias].close()

    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (who INTEGER, seen INTEGER)")
        connections[alias].close()
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM counter")
            stored = cursor.fetchone()[0]
        connections[alias].close()
        if not errors and stored != THREADS * WRITES:
            errors.append(f"{stored} rows stored, {THREADS * WRITES} written")
    finally:
        del connections.settings[alias]
    return errors


def test_overlapping_writes_never_report_database_is_locked(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    # Given eight threads that each read then write, twelve times, all at once
    # When they run on a SQLite file with the platform's options
    with django_db_blocker.unblock():
        errors = _overlapping_writes(tmp_path / "db.sqlite3", dict(conf.SQLITE_OPTIONS))
    # Then every write is stored and none failed
    assert errors == []


def test_the_sqlite_file_is_in_wal_mode(tmp_path: Path, django_db_blocker: Any) -> None:
    import sqlite3

    path = tmp_path / "wal.sqlite3"
    with django_db_blocker.unblock():
        _overlapping_writes(path, dict(conf.SQLITE_OPTIONS))
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_private_files_are_created_owner_only(tmp_path: Path) -> None:
    # Given a fresh var directory
    # When the settings create the database file and the secret key
    target = tmp_path / "made.sqlite3"
    conf._private_file(target, "x")
    # Then nobody but the owner may read them
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    # and an existing file is never overwritten
    conf._private_file(target, "y")
    assert target.read_text() == "x"
