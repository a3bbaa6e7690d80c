"""``hicoop transfer …``: contracts, steps, imports, exports and flows from a shell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.export import Column, xlsx_bytes
from hicoop.core.management.commands._output import run_service
from hicoop.transfer import indicators, selectors, services
from hicoop.transfer.records import TRANSFER_ATTRS
from hicoop.transfer.services import spreadsheet


class Command(BaseCommand):
    help = (
        "Technology transfer: 'list [--year Y]', 'show ID', 'step ID ACTION [--reason R] "
        "[--registration N]', 'import FILE.xlsx', 'export FILE.xlsx', 'flows --year Y', "
        "'indicators --year Y'."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list contracts")
        listing.add_argument("--year", type=int)
        show = sub.add_parser("show", help="one contract as JSON")
        show.add_argument("transfer", type=int)
        step = sub.add_parser("step", help="take a lifecycle step (sign, register, ...)")
        step.add_argument("transfer", type=int)
        step.add_argument("step")
        step.add_argument("--reason", default="")
        step.add_argument("--registration", default="")
        imp = sub.add_parser("import", help="import a registry's contract list (all rows or none)")
        imp.add_argument("file", type=Path)
        exp = sub.add_parser("export", help="export the contracts to .xlsx")
        exp.add_argument("file", type=Path)
        flows = sub.add_parser("flows", help="flows of a year as JSON")
        flows.add_argument("--year", type=int, default=dt.date.today().year)
        figures = sub.add_parser("indicators", help="the year's transfer indicators as JSON")
        figures.add_argument("--year", type=int, default=dt.date.today().year)
        for p in (listing, show, step, imp, exp, flows, figures):
            p.add_argument("--user", default="", help="act as this user (scope checks apply)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        getattr(self, f"_{options['action']}")(actor, options)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"未知用户 / unknown user: {username}")
        return found

    def _reader(self, actor: Any) -> Any:
        """Reads as the operator see everything (the operator acts for the office)."""
        return actor if getattr(actor, "is_authenticated", False) else _Everything()

    def _transfer(self, actor: Any, pk: int) -> Any:
        return run_service(lambda: selectors.transfer_detail(user=self._reader(actor), pk=pk))

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        filters = selectors.TransferFilters(year=options["year"])
        for t in selectors.transfer_list(user=self._reader(actor), filters=filters):
            self.stdout.write(
                f"{t.pk:>5}  {t.signed_on or '—'}  {t.get_contract_type_display()}  {t.amount}  "
                f"{t.title}  [{t.get_status_display()}]"
            )

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        t = self._transfer(actor, options["transfer"])
        row = dict(
            zip((a.name for a in TRANSFER_ATTRS), spreadsheet.export_rows([t])[0], strict=True)
        )
        row.update({"id": t.pk, "status": t.get_status_display()})
        self.stdout.write(json.dumps(row, ensure_ascii=False, default=str, indent=1))

    def _step(self, actor: Any, options: dict[str, Any]) -> None:
        t = self._transfer(actor, options["transfer"])
        run_service(
            lambda: services.take_step(
                transfer=t,
                action=options["step"],
                actor=actor,
                reason=options["reason"],
                registration=options["registration"],
            )
        )
        self.stdout.write(t.get_status_display())

    def _import(self, actor: Any, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件 / no such file: {path}")
        try:
            result = spreadsheet.import_sheet(content=path.read_bytes(), actor=actor)
        except ValidationFailed as exc:
            lines = [str(exc.message)]
            details = exc.details if isinstance(exc.details, dict) else {}
            for row in details.get("rows", []):
                lines.append(f"  行/row {row['row']} · {row['column'] or '—'}: {row['message']}")
            for key, messages in details.items():
                if key != "rows":
                    lines += [f"  {key}: {m}" for m in messages]
            raise CommandError("\n".join(lines)) from exc
        self.stdout.write(json.dumps(result))

    def _export(self, actor: Any, options: dict[str, Any]) -> None:
        found = selectors.transfer_list(user=self._reader(actor))
        columns = [Column(a.zh, a.en) for a in TRANSFER_ATTRS]
        options["file"].write_bytes(
            xlsx_bytes(columns, spreadsheet.export_rows(found), "transfers")
        )
        self.stdout.write(str(options["file"]))

    def _flows(self, actor: Any, options: dict[str, Any]) -> None:
        found = indicators.flows(year=options["year"], user=self._reader(actor))
        links = [
            {"source": k.source, "target": k.target, "count": k.count, "amount": str(k.amount)}
            for k in found.links
        ]
        self.stdout.write(json.dumps({"year": found.year, "links": links}, ensure_ascii=False))

    def _indicators(self, actor: Any, options: dict[str, Any]) -> None:
        figures = indicators.transfer_indicators(year=options["year"])
        self.stdout.write(json.dumps(figures.as_dict(), ensure_ascii=False))


class _Everything:
    """The server operator reads as a global reader."""

    is_authenticated = True
    is_superuser = True
    _hicoop_grants = ()
