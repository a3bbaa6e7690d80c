"""The daily expiry of credit events and recomputation of every grade (a periodic job)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from hicoop.core.actors import SCHEDULER
from hicoop.core.jobs import Progress, job_handler, register_periodic
from hicoop.core.models import Job

EXPIRE = "credit.expire"


@job_handler(EXPIRE, label=gettext_lazy("Credit events: expiry and grades"))
def expire_job(job: Job, progress: Progress) -> dict[str, Any]:
    from hicoop.credit.services import expire_due

    progress.update(done=0, total=1, message=str(gettext_lazy("Expiring events")))
    counts = expire_due(actor=job.actor or SCHEDULER)
    progress.update(done=1, total=1)
    return {**counts, "url": reverse("credit:list")}


register_periodic(EXPIRE, daily_at="01:10")
