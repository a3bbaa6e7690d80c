"""A separate process on one hicoop install for the backup test (issue 11): write every table's
rows (all columns, sorted) and every media file's SHA-256 to a JSON file, so that two installs
can be compared table by table and file by file."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hicoop.config.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402


def _ignored_columns() -> dict[str, set[str]]:
    """Columns that are no data: the surrogate id of a many-to-many link row (nothing refers to
    it; the links are compared as pairs) and when this install applied each migration."""
    ignored = {"django_migrations": {"id", "applied"}}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created:
            ignored[model._meta.db_table] = {"id"}
    return ignored


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time | decimal.Decimal):
        return str(value)
    return value


def tables() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    ignored = _ignored_columns()
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            found[table] = sorted(
                json.dumps(
                    {
                        column: _plain(value)
                        for column, value in zip(columns, row, strict=True)
                        if column not in ignored.get(table, set())
                    },
                    sort_keys=True,
                    ensure_ascii=False,
                    default=str,
                )
                for row in cursor.fetchall()
            )
    return found


def files() -> dict[str, str]:
    media = Path(settings.MEDIA_ROOT)
    if not media.exists():
        return {}
    return {
        path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(
        json.dumps({"tables": tables(), "files": files()}, ensure_ascii=False), encoding="utf-8"
    )
