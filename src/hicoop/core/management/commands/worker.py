"""``hicoop worker``: take jobs from the queue (any number, on any number of machines)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a job worker: takes queued jobs (imports, match runs, evaluations, reports)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--threads", type=int, default=2, help="jobs run at once (1-16)")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="do not enqueue periodic jobs here"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from hicoop.core.jobs.queue import HUEY
        from hicoop.core.jobs.runner import reap_stale, worker_id

        logging.getLogger("huey").setLevel(logging.WARNING)
        threads = max(1, min(16, int(options["threads"])))
        reap_stale()
        self.stdout.write(f"hicoop worker {worker_id()}: {threads} thread(s), queue {HUEY.name}")
        self.stdout.flush()
        consumer = HUEY.create_consumer(
            workers=threads,
            worker_type="thread",
            periodic=not options["no_scheduler"],
            check_worker_health=True,
            initial_delay=0.1,
            max_delay=1.0,
            graceful_signal="TERM",  # SIGTERM lets running jobs finish (up to the timeout)
            shutdown_timeout=30,
        )
        consumer.run()
