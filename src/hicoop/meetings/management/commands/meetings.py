"""``hicoop meetings …``: meetings, the agenda, the 1:1 schedule and decisions from a shell."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hicoop.core.actors import OPERATOR
from hicoop.core.jobs.console import summary, wait
from hicoop.core.management.commands._output import run_service
from hicoop.meetings import documents, selectors, services
from hicoop.meetings.models import Decision, Meeting


class Command(BaseCommand):
    help = (
        "Meetings: 'list', 'agenda MEETING --generate|--finalize|--export FILE.docx|.pdf', "
        "'schedule MEETING [--seconds N]', 'execute DECISION'."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list meetings")
        agenda = sub.add_parser("agenda", help="generate, finalise or export a meeting's agenda")
        agenda.add_argument("meeting", type=int)
        what = agenda.add_mutually_exclusive_group(required=True)
        what.add_argument("--generate", action="store_true")
        what.add_argument("--finalize", action="store_true")
        what.add_argument("--export", type=Path, metavar="FILE")
        schedule = sub.add_parser("schedule", help="schedule the accepted 1:1 requests (a job)")
        schedule.add_argument("meeting", type=int)
        schedule.add_argument("--seconds", type=float, default=12.0)
        execute = sub.add_parser("execute", help="carry out a recorded decision")
        execute.add_argument("decision", type=int)
        for p in (listing, agenda, schedule, execute):
            p.add_argument("--user", default="", help="act as this user (scope checks apply)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        handler = getattr(self, f"_{options['action']}")
        handler(actor, options)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"未知用户 / unknown user: {username}")
        return found

    def _meeting(self, pk: int) -> Meeting:
        found = Meeting.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"没有这个会议 / no such meeting: {pk}")
        return found

    def _list(self, actor: Any, options: dict[str, Any]) -> None:
        for m in Meeting.objects.order_by("-starts_on", "pk"):
            self.stdout.write(
                f"{m.pk:>4}  {m.starts_on}  {m.get_kind_display()}  {m.title}  [{m.get_status_display()}]"
            )

    def _agenda(self, actor: Any, options: dict[str, Any]) -> None:
        meeting = self._meeting(options["meeting"])
        today = dt.date.today()
        if options["generate"]:
            agenda, added = run_service(
                lambda: services.generate_agenda(meeting=meeting, actor=actor, on=today)
            )
            self.stdout.write(f"+{added} ({agenda.entries.count()})")
        elif options["finalize"]:
            run_service(lambda: services.finalize_agenda(meeting=meeting, actor=actor))
            self.stdout.write("final")
        else:
            self._export(meeting, options["export"])

    def _export(self, meeting: Meeting, path: Path) -> None:
        agenda = getattr(meeting, "agenda", None)
        if agenda is None or not agenda.frozen:
            raise CommandError("只导出定稿议程 / only the final agenda is exported")
        if path.suffix not in {".docx", ".pdf"}:
            raise CommandError("文件须为 .docx 或 .pdf / the file must end in .docx or .pdf")
        body = run_service(
            lambda: (
                documents.agenda_docx(agenda)
                if path.suffix == ".docx"
                else documents.agenda_pdf(agenda)
            )
        )
        path.write_bytes(body)
        self.stdout.write(str(path))

    def _schedule(self, actor: Any, options: dict[str, Any]) -> None:
        meeting = self._meeting(options["meeting"])
        job = run_service(
            lambda: services.start_schedule(
                meeting=meeting, actor=actor, seconds=options["seconds"]
            )
        )
        job = wait(job, out=self.stderr)
        if job.error:
            raise CommandError(summary(job))
        run = selectors.last_run(meeting=meeting)
        self.stdout.write(
            json.dumps(
                {"placed": run.placed if run else 0, "unplaced": len(run.unplaced) if run else 0}
            )
        )

    def _execute(self, actor: Any, options: dict[str, Any]) -> None:
        decision = Decision.objects.filter(pk=options["decision"]).first()
        if decision is None:
            raise CommandError(f"没有这项决定 / no such decision: {options['decision']}")
        run_service(
            lambda: services.execute_decision(decision=decision, actor=actor, on=dt.date.today())
        )
        self.stdout.write(f"{decision.reference}: {decision.get_status_display()}")
