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
from hicoop.meetings.models import Meeting, ScheduleRun

KIND = "meetings.schedule"


def schedule_now(
    meeting: Meeting,
    *,
    actor: Any,
    seconds: float,
    job: Job | None = None,
    progress: Progress | None = None,
) -> ScheduleRun:
    """Read, solve, store: the job's work (also run directly by the demo loader)."""

    def step(done: int, message: str) -> None:
        if progress is not None:
            progress.update(done=done, total=3, message=message)

    step(0, _("Reading accepted requests"))
    prepared = adapter.prepare(meeting)
    step(1, _("Placing %(n)d requests") % {"n": len(prepared.problem.requests)})
    started = time.perf_counter()
    try:
        schedule = solve_exact(prepared.problem, Effort(seconds=seconds))
    except ScheduleInputError as exc:
        raise Conflict(
            _("Locked meetings clash; unlock them and run again."), details={"locked": exc.problems}
        ) from exc
    step(2, _("Saving the schedule"))
    run = services.store_schedule(
        meeting=meeting,
        schedule=schedule,
        slot_ids=prepared.slot_ids,
        left_out=prepared.left_out,
        actor=actor,
        seconds=time.perf_counter() - started,
        job=job,
    )
    step(3, _("Done"))
    return run


@job_handler(KIND, label=gettext_lazy("1:1 schedule"))
def schedule_job(job: Job, progress: Progress) -> dict[str, Any]:
    meeting = Meeting.objects.get(pk=job.params["meeting"])
    seconds = float(job.params.get("seconds", 12))
    run = schedule_now(
        meeting, actor=job.actor or SCHEDULER, seconds=seconds, job=job, progress=progress
    )
    url = reverse("meetings:sessions", args=[meeting.pk])
    return {"placed": run.placed, "unplaced": len(run.unplaced), "url": url}
