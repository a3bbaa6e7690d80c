"""``hicoop credit``: the catalogue, subjects with their grades, one subject's score explained,
recording an event with evidence, screening a name, and the expiry run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import HicoopError
from hicoop.core.management.commands._output import describe
from hicoop.credit import scoring, screening, services
from hicoop.credit.models import Subject


def _date(raw: str) -> dt.date:
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(f"Enter a date as YYYY-MM-DD / 日期格式应为 YYYY-MM-DD: {raw}") from exc


class Command(BaseCommand):
    help = (
        "Credit supervision: 'catalogue', 'list [--grade G] [--kind K]', 'show SUBJECT [--on D]', "
        "'record SUBJECT KIND --occurred D --description T [--evidence F …]', "
        "'screen --kind K --name N [--identifier I] [--birth D]', 'expire [--on D]'"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--user", default="", help="act as this user (scope checks apply)")
        sub = parser.add_subparsers(dest="sub", required=True)
        cat = sub.add_parser("catalogue", help="event kinds in effect on a date")
        cat.add_argument("--on", default="")
        lst = sub.add_parser("list", help="subjects with grade and score")
        lst.add_argument("--grade", default="")
        lst.add_argument("--kind", default="")
        show = sub.add_parser("show", help="one subject's score explained event by event")
        show.add_argument("subject", help="id, permit number or USCC")
        show.add_argument("--on", default="")
        rec = sub.add_parser("record", help="record an event (officers)")
        rec.add_argument("subject")
        rec.add_argument("kind", help="catalogue code, e.g. late-report")
        rec.add_argument("--occurred", default="")
        rec.add_argument("--description", required=True)
        rec.add_argument("--evidence", type=Path, action="append", default=[])
        scr = sub.add_parser("screen", help="near matches among registered subjects")
        scr.add_argument("--kind", choices=["worker", "employer"], required=True)
        scr.add_argument("--name", required=True)
        scr.add_argument("--identifier", default="")
        scr.add_argument("--birth", default="")
        exp = sub.add_parser("expire", help="expire events whose period ended; recompute grades")
        exp.add_argument("--on", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        try:
            getattr(self, f"_{options['sub']}")(actor, options)
        except HicoopError as exc:
            raise CommandError(describe(exc)) from exc

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"Unknown user / 用户不存在: {username}")
        return found

    def _subject(self, ref: str) -> Subject:
        found = Subject.objects.filter(identifier=ref.strip().upper()).first()
        if found is None and ref.isdigit():
            found = Subject.objects.filter(pk=int(ref)).first()
        if found is None:
            raise CommandError(f"No such subject / 找不到信用主体: {ref}")
        return found

    def _catalogue(self, actor: Any, options: dict[str, Any]) -> None:
        for k in services.kinds_in_effect(_date(options["on"])):
            evidence = "evidence" if k.evidence_required else "-"
            self.stdout.write(
                f"{k.code:<22} v{k.version} {k.points:+4d} {k.severity:<9} {k.validity_days:>5}d "
                f"{evidence:<8} {k.name} · {k.authority}"
            )

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        rows = Subject.objects.all()
        if options["grade"]:
            rows = rows.filter(grade=options["grade"].upper())
        if options["kind"]:
            rows = rows.filter(kind=options["kind"])
        for s in rows.order_by("kind", "name"):
            self.stdout.write(
                f"{s.pk:>5} {s.kind:<8} {s.identifier:<20} {s.grade} {s.score:>4} {s.name}"
            )

    def _show(self, actor: Any, options: dict[str, Any]) -> None:
        subject = self._subject(options["subject"])
        found, lines = scoring.explain(subject, _date(options["on"]))
        self.stdout.write(f"{subject.name} ({subject.identifier}) on {found.on}")
        self.stdout.write(f"  base (scale v{found.scale_version}){found.base:>28}")
        for x in lines:
            self.stdout.write(
                f"  {x.event.occurred_on} {x.event.kind.code:<22} {x.line.points:+4d} "
                f"counted {x.line.counted:+4d} {x.line.state:<11} = {x.line.running}"
            )
        self.stdout.write(f"  score {found.score} → grade {found.grade}")
        for p in scoring.history(subject, found.on):
            self.stdout.write(f"  history {p.on} {p.score} {p.grade}")

    def _record(self, actor: Any, options: dict[str, Any]) -> None:
        subject = self._subject(options["subject"])
        files = []
        for path in options["evidence"]:
            if not path.is_file():
                raise CommandError(f"Not found / 找不到: {path}")
            files.append(SimpleUploadedFile(path.name, path.read_bytes()))
        event = services.record_event(
            subject=subject,
            kind_code=options["kind"],
            occurred_on=_date(options["occurred"]),
            description=options["description"],
            evidence=files,
            actor=actor,
        )
        subject.refresh_from_db()
        self.stdout.write(f"event {event.pk}: {subject.name} now {subject.grade} ({subject.score})")

    def _screen(self, actor: Any, options: dict[str, Any]) -> None:
        birth = _date(options["birth"]) if options["birth"] else None
        near = screening.screen(
            kind=options["kind"],
            name=options["name"],
            identifier=options["identifier"],
            birth_date=birth,
        )
        if not near:
            self.stdout.write("no near matches / 无相近主体")
        for n in near:
            self.stdout.write(
                f"{n.subject.pk:>5} {n.similarity:.2f} {n.subject.name} · {', '.join(n.reasons)}"
            )

    def _expire(self, actor: Any, options: dict[str, Any]) -> None:
        counts = services.expire_due(actor=actor, on=_date(options["on"]))
        self.stdout.write(f"expired {counts['expired']}, grades changed {counts['grades_changed']}")
