"""The command line's view of a job: a progress bar until it ends.

``wait`` runs the job in this process when no worker has claimed it after a few seconds (the
claim is atomic, so it never runs twice) — the command line works with or without workers.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from tqdm import tqdm

from hicoop.core.jobs.runner import run_job, worker_id
from hicoop.core.models import Job, JobStatus


def wait(job: Job, *, out: TextIO, claim_after: float = 3.0, poll: float = 0.3) -> Job:
    """Show the job's progress on ``out`` until it has finished; return its final row."""
    started = time.monotonic()
    with tqdm(total=0, file=out, unit="", dynamic_ncols=True, leave=True) as bar:
        while True:
            job.refresh_from_db()
            _draw(bar, job)
            if job.finished:
                return job
            waited = time.monotonic() - started
            if job.status == JobStatus.QUEUED and waited >= claim_after:
                run_job(job.pk, worker=f"cli:{worker_id()}")
                continue
            time.sleep(poll)


def _draw(bar: Any, job: Job) -> None:
    if job.total and bar.total != job.total:
        bar.total = job.total
    bar.n = job.done
    bar.set_description_str(job.message or job.get_status_display())
    bar.refresh()


def summary(job: Job) -> str:
    if job.status == JobStatus.SUCCEEDED:
        return ", ".join(f"{k}: {v}" for k, v in job.result.items()) or str(job.message)
    return job.error or job.get_status_display()
