"""The annual report as a job: take the figures, draw the charts, write DOCX, PDF and XLSX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.actors import OPERATOR
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job
from hicoop.parties.models import Party
from hicoop.reports import files, services

KIND = "reports.annual"


@job_handler(KIND, label=gettext_lazy("Annual report"))
def annual_job(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    party = Party.objects.get(pk=params["party"]) if params.get("party") else None
    progress.update(done=0, total=1, message=_("Taking the figures"))
    report = services.create_report(
        actor=job.actor or OPERATOR,
        year=int(params["year"]),
        party=party,
        on=dt.date.today(),
        language=params.get("language", "zh-hans"),
    )
    out = Path(params["out"]) if params.get("out") else files.storage_dir(report)

    def step(done: int, total: int, message: str) -> None:
        progress.update(done=done, total=total, message=message)

    written = files.write_files(report, out, step)
    services.record_files(report=report, files=[str(p) for p in written])
    return {"report": report.pk, "url": reverse("reports:detail", args=[report.pk])}
