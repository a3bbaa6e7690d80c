"""``hicoop policies``: import texts or catalogue entries, list and show policies (dated), and ask
what applies to an organisation or a profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import HicoopError
from hicoop.core.jobs import enqueue
from hicoop.core.jobs.console import summary, wait
from hicoop.core.management.commands._output import describe, run_service
from hicoop.core.models import JobStatus
from hicoop.parties.models import Party
from hicoop.policies import explain, selectors
from hicoop.policies.jobs import IMPORT_SHEET, IMPORT_TEXTS
from hicoop.policies.services import refs


class Command(BaseCommand):
    help = (
        "Policy catalogue: 'import DIR|FILE.xlsx', 'template OUT.xlsx', 'list [--on DATE] [--q TEXT]', "
        "'show POLICY [--clause 第十五条] [--on DATE]', 'applicable --party P | --park P …'"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", default="", help="act as this user (scope checks apply)")
        sub = parser.add_subparsers(dest="sub", required=True)
        imp = sub.add_parser("import", help="the LawRefBook directory or an .xlsx of entries")
        imp.add_argument("source", type=Path)
        tpl = sub.add_parser("template", help="write the entry import template (.xlsx)")
        tpl.add_argument("target", type=Path)
        lst = sub.add_parser("list", help="policies in force on a date, searched in Chinese")
        for name in ("--on", "--q", "--category", "--level", "--zone", "--field"):
            lst.add_argument(name, default="")
        lst.add_argument("--limit", type=int, default=50)
        show = sub.add_parser("show", help="one policy, its versions and a clause")
        show.add_argument("policy", help="id or exact title")
        show.add_argument("--clause", default="")
        show.add_argument("--on", default="")
        app = sub.add_parser("applicable", help="what applies to an organisation or a profile")
        app.add_argument("--party", default="", help="id, key or name of the organisation")
        for name in ("--on", "--entity-kind", "--park", "--zone", "--region", "--size"):
            app.add_argument(name, default="")
        app.add_argument("--field", action="append", default=[])
        app.add_argument("--foreign-talent", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        handler = getattr(self, f"_{options['sub']}")
        try:
            handler(actor, options)
        except HicoopError as exc:
            raise CommandError(describe(exc)) from exc

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"Unknown user / 用户不存在: {username}")
        return found

    def _reader(self, actor: Any) -> Any:
        return None if actor is OPERATOR else actor

    def _date(self, raw: str) -> dt.date | None:
        return selectors.parse_date(raw, None) if raw else None

    def _import(self, actor: Any, options: dict[str, Any]) -> None:
        source: Path = options["source"].resolve()
        if not source.exists():
            raise CommandError(f"Not found / 找不到: {source}")
        kind = IMPORT_TEXTS if source.is_dir() else IMPORT_SHEET
        if kind == IMPORT_SHEET and source.suffix.lower() != ".xlsx":
            raise CommandError("Give a directory or an .xlsx file / 请给出目录或 .xlsx 文件")
        job = run_service(lambda: enqueue(kind=kind, params={"path": str(source)}, actor=actor))
        job = wait(job, out=self.stderr)
        if job.status != JobStatus.SUCCEEDED:
            raise CommandError(summary(job))
        self.stdout.write(self.style.SUCCESS(summary(job)))

    def _template(self, actor: Any, options: dict[str, Any]) -> None:
        from hicoop.policies.services.spreadsheet import template

        target: Path = options["target"]
        if target.suffix.lower() != ".xlsx" or not target.parent.is_dir():
            raise CommandError(
                f"Give an .xlsx path in a folder that exists / 请给出 .xlsx 路径: {target}"
            )
        target.write_bytes(template())
        self.stdout.write(f"Template written / 模板已写入: {target}")

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        filters = selectors.PolicyFilters(
            q=options["q"],
            on=self._date(options["on"]),
            category=options["category"],
            level=options["level"],
            zone=options["zone"],
            field=options["field"],
        )
        result = selectors.search(user=self._reader(actor), filters=filters)
        limit = max(1, min(options["limit"], 1000))
        for policy in selectors.page_policies(result.ids[:limit], result.hits):
            line = f"{policy.pk:>5}  {policy.title}  [{policy.get_level_display()} · {policy.issuer_name}]"
            self.stdout.write(line)
            for clause, _matched in policy.hits:
                self.stdout.write(f"         {clause.address}: {clause.text[:70]}")
        self.stdout.write(f"{len(result.ids)} policies")

    def _policy(self, actor: Any, ref: str) -> Any:
        from hicoop.policies.models import Policy

        visible = Policy.objects.visible_to(self._reader(actor))
        found = visible.filter(pk=int(ref)).first() if ref.isdigit() else None
        found = found or visible.filter(title=ref).first()
        if found is None:
            raise CommandError(f"No such policy / 没有该政策: {ref}")
        return found

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        policy = self._policy(actor, options["policy"])
        self.stdout.write(f"{policy.title}  ({policy.get_status_display()})")
        self.stdout.write(
            f"{policy.issuer_name} · {policy.get_level_display()} · {policy.doc_number or '—'}"
        )
        for v in policy.versions.order_by("effective_from"):
            until = v.effective_to.isoformat() if v.effective_to else "…"
            self.stdout.write(
                f"  v{v.number}  {v.effective_from.isoformat()} – {until}  {v.change_document}"
            )
        on = self._date(options["on"]) or timezone.localdate()
        version = selectors.version_on(policy, on)
        if options["clause"]:
            if version is None:
                raise CommandError(f"Not in force on {on} / 该日不在有效期内")
            clause = selectors.clause_at(version=version, address=options["clause"])
            self.stdout.write(f"\n{clause.address}（v{version.number}）\n{clause.text}")

    def _applicable(self, actor: Any, options: dict[str, Any]) -> None:
        on = self._date(options["on"]) or timezone.localdate()
        if options["party"]:
            try:
                party: Party = refs.party(options["party"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            profile = selectors.profile_for_party(party)
        else:
            params = {
                "entity_kind": options["entity_kind"],
                "park": options["park"],
                "zone": options["zone"],
                "region": options["region"],
                "size": options["size"],
                "fields": options["field"],
                "foreign_talent": True if options["foreign_talent"] else None,
            }
            profile = selectors.profile_from_params({k: v for k, v in params.items() if v})
        found = selectors.applicable(user=self._reader(actor), profile=profile, on=on)
        names = explain.Names(a.verdict for a in found)
        for item in found:
            self.stdout.write(f"{item.policy.pk:>5}  {item.policy.title} (v{item.version.number})")
            for text in explain.sentences(item.verdict, names):
                self.stdout.write(f"         · {text}")
            for clause in item.clauses:
                self.stdout.write(f"         {clause.address}: {clause.text[:70]}")
        self.stdout.write(f"{len(found)} policies apply on {on.isoformat()}")
