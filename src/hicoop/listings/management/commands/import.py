from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.listings import jsonl, records, spreadsheets
from hicoop.listings.spreadsheets import ImportFailed


class Command(BaseCommand):
    help = (
        "Import demands, capabilities or achievements from .xlsx/.csv (all rows or none; "
        "re-importing updates by external id), or achievements from JSON lines "
        "(--from-csl or --from-jsonl with --map)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=sorted(records.PLURALS))
        parser.add_argument("file", nargs="?", type=Path, help=".xlsx or .csv file")
        parser.add_argument("--from-csl", type=Path, help="CSL records_dev.jsonl")
        parser.add_argument("--from-jsonl", type=Path, help="any JSON-lines file (with --map)")
        parser.add_argument("--map", default="", help="target=source,… for --from-jsonl")
        parser.add_argument("--owner", default="", help="owner party (id, key or name) for JSONL")
        parser.add_argument("--status", default="published", help="status for JSONL records")
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument("--user", default="", help="act as this user (scope checks apply)")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = records.PLURALS[options["kind"]]
        actor = self._actor(options["user"])
        try:
            result = run_service(lambda: self._run(kind, actor, options))
        except CommandError as exc:
            cause = exc.__cause__
            if isinstance(cause, ImportFailed):
                raise CommandError(self._describe(cause)) from cause
            raise
        self.stdout.write(
            self.style.SUCCESS(
                f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
            )
        )

    def _run(self, kind: str, actor: Any, options: dict[str, Any]) -> spreadsheets.ImportResult:
        source = options["from_csl"] or options["from_jsonl"]
        if source is not None:
            if not options["owner"]:
                raise CommandError("--owner is required for JSON lines / JSONL 导入需指定 --owner")
            mapping = (
                jsonl.CSL_MAPPING if options["from_csl"] else jsonl.parse_mapping(options["map"])
            )
            return jsonl.import_jsonl(
                kind=kind,
                path=source,
                mapping=mapping,
                owner=options["owner"],
                actor=actor,
                status=options["status"],
                limit=options["limit"],
                prefix="csl:" if options["from_csl"] else "",
            )
        if options["file"] is None:
            raise CommandError("Give a file, --from-csl or --from-jsonl / 请指定导入文件")
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"File not found / 文件不存在: {path}")
        return spreadsheets.import_file(kind=kind, content=path, filename=path.name, actor=actor)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Unknown user / 用户不存在: {username}")
        return user

    def _describe(self, exc: ImportFailed) -> str:
        lines = [str(exc.message)]
        for row in exc.details.get("rows", []) if isinstance(exc.details, dict) else []:
            lines.append(f"  row {row['row']} · {row['column']}: {row['message']}")
        return "\n".join(lines)
