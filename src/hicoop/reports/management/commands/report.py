"""``hicoop report annual --year Y --out DIR [--lang en] [--region R | --park P]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from hicoop.core.actors import OPERATOR
from hicoop.core.jobs.console import summary, wait
from hicoop.core.management.commands._output import run_service
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.reports import services
from hicoop.reports.models import Report


class Command(BaseCommand):
    help = "Reports: 'annual --year Y --out DIR [--lang en] [--region NAME | --park NAME]'."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual", help="the annual report as DOCX, PDF and XLSX (a job)")
        annual.add_argument("--year", type=int, required=True)
        annual.add_argument("--out", type=Path, default=Path("."), help="folder for the files")
        annual.add_argument("--lang", choices=("zh-hans", "zh", "en"), default="zh-hans")
        scope = annual.add_mutually_exclusive_group()
        scope.add_argument("--region", default="", help="a partner region (name or id)")
        scope.add_argument("--park", default="", help="a park (name or id)")
        annual.add_argument("--user", default="", help="act as this user (scope checks apply)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        party = None
        if options["region"]:
            party = self._party(options["region"], PartyKind.REGION)
        elif options["park"]:
            party = self._party(options["park"], PartyKind.PARK)
        language = "en" if options["lang"] == "en" else "zh-hans"
        out = options["out"].resolve()
        job = run_service(
            lambda: services.start_annual(
                actor=actor, year=options["year"], party=party, language=language, out_dir=str(out)
            )
        )
        job = wait(job, out=self.stderr)
        if job.error:
            raise CommandError(summary(job))
        report = Report.objects.get(pk=job.result["report"])
        for name in report.files:
            self.stdout.write(name)

    def _actor(self, username: str) -> Any:
        if not username:
            return OPERATOR
        found = get_user_model().objects.filter(username=username, is_active=True).first()
        if found is None:
            raise CommandError(f"未知用户 / unknown user: {username}")
        return found

    def _party(self, text: str, kind: str) -> Party:
        match = Q(name=text) | Q(short_name=text) | Q(name_en__iexact=text)
        if text.isdigit():
            match |= Q(pk=int(text))
        found = Party.objects.filter(match, kind=kind).order_by("path", "pk").first()
        if found is None:
            raise CommandError(f"没有这个地区或园区 / no such region or park: {text}")
        return found
