"""The scheduling job: reads the accepted requests, runs the engine with progress, and stores
the schedule in one service call (ADR 0006: compute outside the transaction, write at the end)."""

from __future__ import annotations

import time
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.actors import SCHEDULER
from hicoop.core.exceptions import Conflict
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job
from hicoop.engine.scheduling import Effort, ScheduleInputError, solve_exact
from hicoop.meetings import adapter, services
from hicoop.meetings.models import Meeting

KIND = "meetings.schedule"


@job_handler(KIND, label=gettext_lazy("1:1 schedule"))
def schedule_job(job: Job, progress: Progress) -> dict[str, Any]:
    meeting = Meeting.objects.get(pk=job.params["meeting"])
    progress.update(done=0, total=3, message=_("Reading accepted requests"))
    prepared = adapter.prepare(meeting)
    progress.update(
        done=1, total=3, message=_("Placing %(n)d requests") % {"n": len(prepared.problem.requests)}
    )
    started = time.perf_counter()
    try:
        schedule = solve_exact(
            prepared.problem, Effort(seconds=float(job.params.get("seconds", 12)))
        )
    except ScheduleInputError as exc:
        raise Conflict(
            _("Locked meetings clash; unlock them and run again."), details={"locked": exc.problems}
        ) from exc
    seconds = time.perf_counter() - started
    progress.update(done=2, total=3, message=_("Saving the schedule"))
    run = services.store_schedule(
        meeting=meeting,
        schedule=schedule,
        slot_ids=prepared.slot_ids,
        left_out=prepared.left_out,
        actor=job.actor or SCHEDULER,
        seconds=seconds,
        job=job,
    )
    progress.update(done=3, total=3, message=_("Done"))
    return {
        "placed": run.placed,
        "unplaced": len(run.unplaced),
        "url": reverse("meetings:sessions", args=[meeting.pk]),
    }
