"""``hicoop serve``: the web UI and API behind gunicorn, with a job worker as a child process.

ADR 0010. gunicorn's master forks ``--workers`` processes (default: sized to the machine's CPUs)
of ``--threads`` threads each; WhiteNoise serves the static files. SIGTERM (or Ctrl-C) stops
gracefully: gunicorn lets running requests finish (``--graceful-timeout``), then the job worker
gets SIGTERM and finishes its running jobs. ``--dev`` runs Django's development server instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def default_workers(cpus: int | None = None) -> int:
    """Two processes per CPU (requests wait on the database more than on the CPU), 2 to 8."""
    cpus = cpus or os.cpu_count() or 1
    return max(2, min(8, 2 * cpus))


def _range(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise CommandError(
            f"--{name} must be between {low} and {high} / --{name} 须在 {low} 到 {high} 之间"
        )
    return value


class Command(BaseCommand):
    help = "Serve the web UI and API (gunicorn) and run a job worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--workers", type=int, default=0, help="web processes (default: 2 per CPU, 2-8)"
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per web process")
        parser.add_argument("--timeout", type=int, default=60, help="seconds a request may take")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not start a job worker beside the server"
        )
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server (never in production)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        port = _range("port", int(options["port"]), 1, 65535)
        host = options["host"]
        worker = None if options["no_worker"] else self._start_worker()
        try:
            if options["dev"]:
                call_command("runserver", f"{host}:{port}", use_reloader=False)
            else:
                workers = _range("workers", int(options["workers"]) or default_workers(), 1, 64)
                threads = _range("threads", int(options["threads"]), 1, 64)
                timeout = _range("timeout", int(options["timeout"]), 5, 3600)
                self._gunicorn(f"{host}:{port}", workers, threads, timeout)
        finally:
            if worker is not None:
                self._stop_worker(worker)

    def _start_worker(self) -> subprocess.Popen[bytes]:
        """``hicoop worker`` as a child: it shares the process group, so ``kill -- -PGID`` stops
        the server and the worker together."""
        return subprocess.Popen([sys.executable, "-m", "hicoop.cli", "worker"])

    def _stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=40)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    def _gunicorn(self, bind: str, workers: int, threads: int, timeout: int) -> None:
        from django.db import connections
        from gunicorn.app.base import BaseApplication

        from hicoop.config.wsgi import application

        options = {
            "bind": bind,
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "max_requests": 2000,
            "max_requests_jitter": 200,
            "accesslog": os.environ.get("HICOOP_ACCESS_LOG") or None,
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "hicoop",
            "control_socket_disable": True,  # one per user by default: several installs clash
            "forwarded_allow_ips": os.environ.get("HICOOP_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }

        class Server(BaseApplication):
            def load_config(self) -> None:
                for key, value in options.items():
                    if value is not None:
                        self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        # Forked workers must not share the master's database connections.
        connections.close_all()
        self.stdout.write(f"hicoop serve: http://{bind}/ ({workers} workers × {threads} threads)")
        self.stdout.flush()
        try:
            Server().run()
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise
