"""``hicoop backup FILE``: see hicoop.core.backup (ADR 0014)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hicoop.core import backup


class Command(BaseCommand):
    help = "Backup the database and the attachment files (a .tar.gz file)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="the backup file (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]).expanduser().resolve()
        try:
            manifest = backup.backup(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"backup: {path} ({manifest['database']}, {len(manifest['schema'])} migrations, "
            f"{manifest['files']} files)"
        )
