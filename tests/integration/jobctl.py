"""A separate process on a real hicoop database for the queue tests: migrate, enqueue, run a
worker, read job rows. Registers two job kinds that exist only for these tests."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hicoop.config.settings")

import django

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from hicoop.core.actors import OPERATOR  # noqa: E402
from hicoop.core.jobs import enqueue, job_handler, reap_stale  # noqa: E402
from hicoop.core.jobs.runner import worker_id  # noqa: E402
from hicoop.core.models import AuditEntry, Job  # noqa: E402

MARK = "itest-row"


@job_handler("itest.sleep", label="sleep")
def sleep_job(job: Job, progress: Any) -> dict[str, Any]:
    steps = 5
    for i in range(steps):
        time.sleep(float(job.params.get("seconds", 0.5)) / steps)
        progress.update(done=i + 1, total=steps)
    return {"worker": worker_id()}


@job_handler("itest.write", label="write")
def write_job(job: Job, progress: Any) -> dict[str, Any]:
    """Writes five rows in one transaction; on its first attempt it hangs inside it."""
    progress.update(done=0, total=5, message="writing")
    with transaction.atomic():
        for i in range(5):
            AuditEntry.objects.create(
                content_type=ContentType.objects.get_for_model(Job),
                object_id=str(job.pk),
                object_repr=f"{MARK}-{i}",
                action="create",
            )
        if job.attempts == 1:
            time.sleep(120)
    return {"rows": 5}


def main(argv: list[str]) -> None:
    command = argv[0]
    if command == "migrate":
        call_command("migrate", interactive=False, verbosity=0)
    elif command == "worker":
        call_command("worker", threads=1, no_scheduler=True)
    elif command == "enqueue":
        kind, count, seconds = argv[1], int(argv[2]), float(argv[3])
        ids = [
            enqueue(kind=kind, params={"seconds": seconds, "n": i}, actor=OPERATOR).pk
            for i in range(count)
        ]
        print(json.dumps(ids))
    elif command == "reap":
        print(reap_stale(timezone.now() + dt.timedelta(minutes=5)))


if __name__ == "__main__":
    main(sys.argv[1:])
