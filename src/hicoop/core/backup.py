"""Backup and restore (issue 11, ADR 0014): one ``.tar.gz`` with the database as Django fixture
JSON, the attachment files, and a manifest naming the schema (every applied migration).

The dump is taken inside one transaction (REPEATABLE READ on PostgreSQL; on SQLite the
transaction is IMMEDIATE and holds writers back), so it is a consistent snapshot. Restore needs an
install of the same schema: it migrates the target, refuses a backup whose migrations differ,
empties the database, then loads the data and the files.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

import hicoop
from hicoop.core import backup_json

FORMAT = 2
READABLE = {1, 2}
# Format 2 keeps content types and permissions with their ids (rows and JSON values refer to
# them by id), admin history, and timestamps to the microsecond; sign-in sessions stay behind.
EXCLUDE = ["sessions"]


class BackupError(Exception):
    """A backup that cannot be made or restored here; the message says why (zh + en)."""


def schema_state() -> list[str]:
    """Every applied migration, as ``app.name``, sorted."""
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


def _dump(path: Path) -> None:
    with transaction.atomic(), path.open("w", encoding="utf-8") as out:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        serializers.register_serializer(backup_json.FORMAT_NAME, backup_json.__name__)
        call_command(
            "dumpdata",
            format=backup_json.FORMAT_NAME,
            exclude=EXCLUDE,
            natural_foreign=True,
            indent=None,
            stdout=out,
        )


def backup(target: Path) -> dict[str, Any]:
    """Write the backup file; returns its manifest."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        _dump(data)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {
            "format": FORMAT,
            "hicoop": hicoop.__version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "schema": schema_state(),
            "files": len(files),
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(data, arcname="data.json")
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        partial.chmod(0o600)
        partial.replace(target)  # a backup file is either whole or absent
    return manifest


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份文件含有不安全的路径 / unsafe path in backup: {member.name}")
        members.append(member)
    return members


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        with tarfile.open(source, "r:gz") as archive:
            handle = archive.extractfile("manifest.json")
            if handle is None:
                raise KeyError("manifest.json")
            manifest: dict[str, Any] = json.loads(handle.read().decode("utf-8"))
    except (OSError, KeyError, tarfile.TarError, ValueError) as exc:
        raise BackupError(f"不是 hicoop 备份文件 / not a hicoop backup: {source} ({exc})") from exc
    if manifest.get("format") not in READABLE:
        raise BackupError(
            f"备份格式 {manifest.get('format')} 不受支持 / backup format not supported"
        )
    return manifest


def _load(data: Path, *, exact: bool) -> None:
    """Empty the database and load ``data``. A format-2 backup brings its own content types and
    permissions (same ids as the original); an older one has them made afresh."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=exact)
    ContentType.objects.clear_cache()
    call_command("loaddata", str(data), verbosity=0)


def restore(source: Path) -> dict[str, Any]:
    """Replace this install's data and files with the backup's; returns its manifest."""
    manifest = read_manifest(source)
    call_command("migrate", interactive=False, verbosity=0)
    here = schema_state()
    if manifest["schema"] != here:
        missing = sorted(set(manifest["schema"]) - set(here))[:5]
        extra = sorted(set(here) - set(manifest["schema"]))[:5]
        raise BackupError(
            "备份的数据库结构版本与本安装不同，已拒绝恢复 / the backup was made with a different "
            f"schema version and is refused (only in backup: {missing}; only here: {extra})"
        )
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work, tarfile.open(source, "r:gz") as archive:
        archive.extractall(work, members=_safe_members(archive), filter="data")
        with transaction.atomic():
            _load(Path(work) / "data.json", exact=manifest["format"] >= 2)
        unpacked = Path(work) / "media"
        if media.exists():
            shutil.rmtree(media)
        if unpacked.exists():
            shutil.copytree(unpacked, media)
    return manifest
