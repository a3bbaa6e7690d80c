"""Running jobs: claim, heartbeat, progress, a clear result or error, and recovery of jobs whose
worker died.

A job is claimed by one atomic conditional update (``queued → running``), so a job delivered
twice runs once. While it runs, a heartbeat thread marks it alive; a job whose heartbeat stops
(the worker was killed) is retried or, after its last attempt, marked failed — never lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core.exceptions import HicoopError
from hicoop.core.jobs.registry import KINDS
from hicoop.core.models import Job, JobStatus

log = logging.getLogger("hicoop.jobs")

HEARTBEAT_SECONDS = 10
STALE_AFTER = dt.timedelta(seconds=60)
REDISPATCH_AFTER = dt.timedelta(minutes=10)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def eager() -> bool:
    """Tests run jobs in the calling thread, inside its transaction."""
    return bool(getattr(settings, "HICOOP_JOBS_EAGER", False))


class Progress:
    """Progress of one job, written at most twice a second (and always at the end)."""

    def __init__(self, job_id: int, min_interval: float = 0.5) -> None:
        self.job_id = job_id
        self.min_interval = min_interval
        self._last = 0.0
        self.done = 0
        self.total = 0

    def update(
        self, *, done: int | None = None, total: int | None = None, message: str | None = None
    ) -> None:
        self.done = self.done if done is None else max(0, int(done))
        self.total = self.total if total is None else max(0, int(total))
        final = self.total and self.done >= self.total
        if not final and message is None and time.monotonic() - self._last < self.min_interval:
            return
        self._last = time.monotonic()
        values: dict[str, Any] = {
            "done": self.done,
            "total": self.total,
            "heartbeat_at": timezone.now(),
        }
        if message is not None:
            values["message"] = str(message)[:300]
        Job.objects.filter(pk=self.job_id).update(**values)


class _Heartbeat(threading.Thread):
    def __init__(self, job_id: int) -> None:
        super().__init__(daemon=True, name=f"hicoop-heartbeat-{job_id}")
        self.job_id = job_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:  # busy database: the next beat will do
                    log.warning("heartbeat of job %s skipped", self.job_id)
        finally:
            connection.close()


def claim(job_id: int, worker: str) -> bool:
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            worker=worker[:120],
            attempts=F("attempts") + 1,
            error="",
        )
    )


def _finish(job_id: int, status: str, **values: Any) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), **values)


def _describe(exc: HicoopError) -> str:
    lines = [str(exc.message)]
    details = exc.details if isinstance(exc.details, dict) else {}
    for field, messages in details.items():
        for message in messages if isinstance(messages, list) else [messages]:
            lines.append(f"{field}: {message}")
    return "\n".join(lines)


def _execute(job: Job) -> None:
    kind = KINDS.get(job.kind)
    if kind is None:
        _finish(job.pk, JobStatus.FAILED, error=_("Unknown kind of job: %(k)s") % {"k": job.kind})
        return
    try:
        result = kind.handler(job, Progress(job.pk)) or {}
    except HicoopError as exc:
        _finish(job.pk, JobStatus.FAILED, error=_describe(exc))
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        message = _("The job stopped with an unexpected error (%(type)s); nothing was saved.")
        _finish(job.pk, JobStatus.FAILED, error=message % {"type": type(exc).__name__})
    else:
        url = str(result.pop("url", "") or "")
        _finish(job.pk, JobStatus.SUCCEEDED, result=result, result_url=url[:500])


def run_job(job_id: int, worker: str = "") -> bool:
    """Claim and run one job; ``False`` when another worker already has it."""
    if not claim(job_id, worker or worker_id()):
        return False
    job = Job.objects.get(pk=job_id)
    if eager():
        _execute(job)
        return True
    beat = _Heartbeat(job_id)
    beat.start()
    try:
        _execute(job)
    finally:
        beat.stopped.set()
    return True


def dispatch(job_id: int) -> None:
    """Hand a queued job to the queue (or run it here in eager mode)."""
    if eager():
        run_job(job_id, worker="inline")
        return
    from hicoop.core.jobs.queue import run_job_task

    run_job_task(job_id)


def _retry_or_fail(job: Job) -> None:
    base = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)
    if job.attempts < job.max_attempts:
        message = _("The worker stopped; the job is being retried.")
        if base.update(status=JobStatus.QUEUED, message=message):
            dispatch(job.pk)
        return
    error = _("The worker running this job stopped; nothing was saved. Please start it again.")
    base.update(status=JobStatus.FAILED, finished_at=timezone.now(), error=error)


def reap_stale(now: dt.datetime | None = None) -> int:
    """Retry or fail jobs whose worker stopped; re-send jobs queued for too long."""
    now = now or timezone.now()
    stale = list(Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER))
    for job in stale:
        _retry_or_fail(job)
    for job_id in Job.objects.filter(
        status=JobStatus.QUEUED, created_at__lt=now - REDISPATCH_AFTER
    ).values_list("pk", flat=True):
        dispatch(job_id)
    return len(stale)
