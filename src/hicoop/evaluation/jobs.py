"""The evaluation job: measure every locality for a year, score, store (ADR 0006)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from hicoop.core.actors import SCHEDULER
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job
from hicoop.evaluation.services import runs


@job_handler(runs.RUN_KIND, label=gettext_lazy("Evaluation run"))
def evaluation_job(job: Job, progress: Progress) -> dict[str, Any]:
    year = int(job.params["year"])
    run = runs.run_now(year=year, actor=job.actor or SCHEDULER, job=job, progress=progress)
    return {
        "run": run.pk,
        "scores": run.scores.count(),
        "url": reverse("evaluation:run", args=[run.pk]),
    }
