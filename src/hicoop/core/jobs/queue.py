"""The task queue under the jobs: Huey (ADR 0006). Imported only by workers and by ``dispatch``.

Storage follows the settings: Redis when ``HICOOP_REDIS_URL`` is set, PostgreSQL when the
database is PostgreSQL, otherwise a SQLite file under ``var/`` — so one machine needs no server.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from huey import Huey, crontab
from huey.utils import load_class

from hicoop.core.jobs.runner import reap_stale, run_job, worker_id
from hicoop.core.jobs.services import tick

__all__ = ["HUEY", "run_job_task", "scheduler_task"]


def _make_huey() -> Huey:
    """The queue; workers starting together may race to create PostgreSQL storage: retry."""
    config: dict[str, Any] = dict(settings.HUEY)
    backend = load_class(config.pop("huey_class"))
    name = config.pop("name")
    for attempt in range(6):
        try:
            return backend(name, **config)
        except Exception as exc:
            if attempt == 5 or "already exists" not in str(exc):
                raise
            time.sleep(0.2 * (attempt + 1))
    raise RuntimeError("unreachable")


HUEY = _make_huey()


@HUEY.task(retries=0, name="hicoop.run_job")
def run_job_task(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id, worker=worker_id())
    finally:
        close_old_connections()


@HUEY.periodic_task(crontab(minute="*"), name="hicoop.scheduler")
def scheduler_task() -> None:
    close_old_connections()
    try:
        reap_stale()
        tick()
    finally:
        close_old_connections()
