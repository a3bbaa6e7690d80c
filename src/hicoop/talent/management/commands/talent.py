"""``hicoop talent``: check a position (same answer and trace as the UI and API), list and diff
list versions, import permits from a spreadsheet, run an impact preview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import HicoopError
from hicoop.core.management.commands._output import describe
from hicoop.talent import masking, selectors
from hicoop.talent.choices import Decision, ReadChannel
from hicoop.talent.impact import preview
from hicoop.talent.services import checks, permits


class Command(BaseCommand):
    help = (
        "Foreign talent: 'check --industry CODE [--occupation] [--position-kind] [--on DATE] "
        "[--uscc] [--json]', 'versions', 'diff VERSION [--against VERSION]', 'import FILE.xlsx', "
        "'template OUT.xlsx', "
        "'impact VERSION', 'permits --user U'"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", default="", help="act as this user (scope checks apply)")
        sub = parser.add_subparsers(dest="sub", required=True)
        chk = sub.add_parser("check", help="check a position against the list in force on a date")
        chk.add_argument("--industry", required=True)
        for name in ("--occupation", "--position-kind", "--on", "--uscc", "--position"):
            chk.add_argument(name, default="")
        chk.add_argument("--points", default="", help='JSON answers, e.g. {"salary": 50}')
        chk.add_argument("--json", action="store_true")
        sub.add_parser("versions", help="list versions")
        dif = sub.add_parser("diff", help="entry-by-entry changes between two versions")
        dif.add_argument("version")
        dif.add_argument("--against", default="")
        imp = sub.add_parser("import", help="import permits from an .xlsx (all rows or none)")
        imp.add_argument("source", type=Path)
        tpl = sub.add_parser("template", help="write the permit import template (.xlsx)")
        tpl.add_argument("target", type=Path)
        ipt = sub.add_parser("impact", help="impact preview of a version")
        ipt.add_argument("version")
        per = sub.add_parser("permits", help="permits as --user may see them (masked by role)")
        per.add_argument("--q", default="")
        per.add_argument("--uscc", default="")
        per.add_argument("--purpose", default="", help="why personal data is read (audited)")
        per.add_argument("--limit", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        try:
            getattr(self, f"_{options['sub']}")(actor, options)
        except HicoopError as exc:
            raise CommandError(self._describe(exc)) from exc

    def _describe(self, exc: HicoopError) -> str:
        details = exc.details if isinstance(exc.details, dict) else {}
        rows = details.get("rows")
        if isinstance(rows, list):
            lines = [str(exc.message)]
            lines += [f"  row {r['row']} · {r['column']}: {r['message']}" for r in rows]
            return "\n".join(lines)
        return describe(exc)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"Unknown user / 用户不存在: {username}")
        return found

    def _version(self, actor: Any, number: str) -> Any:
        from hicoop.talent.models import ListVersion

        found = ListVersion.objects.filter(number=number).first()
        if found is None:
            raise CommandError(f"Unknown version / 版本不存在: {number}")
        return found

    def _check(self, actor: Any, o: dict[str, Any]) -> None:
        data = {
            "industry": o["industry"],
            "occupation": o["occupation"],
            "position_kind": o["position_kind"],
            "on": o["on"],
            "employer_uscc": o["uscc"],
            "position_title": o["position"],
        }
        result = checks.check(data=data, actor=actor)
        estimate = None
        if o["points"]:
            try:
                answers = json.loads(o["points"])
            except ValueError as exc:
                raise CommandError(f"--points is not JSON / 不是 JSON: {exc}") from exc
            estimate = checks.estimate(data=answers)
        if o["json"]:
            body = {"decision": result.decision, "trace": result.trace, "estimate": estimate}
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
            return
        t = result.trace
        self.stdout.write(f"{Decision(result.decision).label}  ({result.decision})")
        version = t["version"]
        self.stdout.write(
            f"  version: {version['number']} {version['title']} (from {version['effective_from']})"
            if version
            else f"  no version in force on {t['on']}"
        )
        for e in t["examined"]:
            self.stdout.write(f"  entry {e['code']}: {'MATCH' if e['matched'] else e['reason']}")
        if t["deciding"]:
            self.stdout.write(f"  decided by {t['deciding']['code']} · {t['legal_reference']}")
        for c in t["conditions"]:
            self.stdout.write(f"  condition: {c}")
        if estimate:
            self.stdout.write(f"  class {estimate['grade']} ({estimate['total']} points)")
            for f in estimate["factors"]:
                self.stdout.write(f"    {f['label']}: {f['points']}/{f['cap']}")

    def _versions(self, actor: Any, o: dict[str, Any]) -> None:
        reader = None if actor is OPERATOR else actor
        from hicoop.talent.models import ListVersion

        found = ListVersion.objects.all() if reader is None else selectors.versions(user=reader)
        for v in found:
            to = v.effective_to.isoformat() if v.effective_to else "—"
            self.stdout.write(f"{v.number}\t{v.status}\t{v.effective_from}\t{to}\t{v.title}")

    def _diff(self, actor: Any, o: dict[str, Any]) -> None:
        version = self._version(actor, o["version"])
        other = self._version(actor, o["against"]) if o["against"] else None
        reader = None if actor is OPERATOR else actor
        if other is None and reader is not None:
            other = selectors.previous_version(user=reader, version=version)
        for c in selectors.diff(other, version):
            old = c.old.restriction if c.old else "—"
            new = c.new.restriction if c.new else "—"
            self.stdout.write(f"{c.kind}\t{'/'.join(k or '*' for k in c.key)}\t{old} → {new}")

    def _import(self, actor: Any, o: dict[str, Any]) -> None:
        source: Path = o["source"]
        if not source.is_file() or source.suffix.lower() != ".xlsx":
            raise CommandError(f"Give an .xlsx file / 请给出 .xlsx 文件: {source}")
        created = permits.import_permits(
            rows=permits.rows_from_xlsx(source.read_bytes()), actor=actor
        )
        self.stdout.write(f"{len(created)} permits imported / 已导入 {len(created)} 条")

    def _template(self, actor: Any, o: dict[str, Any]) -> None:
        target: Path = o["target"]
        if target.suffix.lower() != ".xlsx" or not target.parent.is_dir():
            raise CommandError(
                f"Give an .xlsx path in a folder that exists / 请给出 .xlsx 路径: {target}"
            )
        target.write_bytes(permits.template())
        self.stdout.write(f"Template written / 模板已写入: {target}")

    def _permits(self, actor: Any, o: dict[str, Any]) -> None:
        if actor is OPERATOR:
            raise CommandError(
                "Give --user: permits are shown as that user may see them / 请用 --user 指定用户"
            )
        filters = selectors.PermitFilters(q=o["q"][:100], employer_uscc=o["uscc"][:18])
        found = selectors.permits(user=actor, filters=filters)[: max(1, min(o["limit"], 500))]
        purpose = o["purpose"][:200] or "command line"
        for r in masking.present(found, user=actor, channel=ReadChannel.CLI, purpose=purpose):
            self.stdout.write(
                "\t".join(
                    (
                        r["number"],
                        r["holder_name"],
                        r["passport_number"],
                        r["birth_date"],
                        r["employer_uscc"],
                        r["industry"],
                        r["permit_class"],
                        r["valid_to"],
                    )
                )
            )

    def _impact(self, actor: Any, o: dict[str, Any]) -> None:
        result = preview(self._version(actor, o["version"]))
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
