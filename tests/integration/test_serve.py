"""``hicoop serve`` runs gunicorn with a job worker as a child and stops gracefully on SIGTERM
sent to its process group (issue 11, ADR 0010). Before, it ran Django's development server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pgid: int) -> list[str]:
    done = subprocess.run(
        ["ps", "-o", "pgid=,args=", "-e"], capture_output=True, text=True, check=True
    )
    found = []
    for line in done.stdout.splitlines():
        group, _, args = line.strip().partition(" ")
        if group == str(pgid):
            found.append(args)
    return found


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_serve_runs_gunicorn_and_a_worker_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
    env["HICOOP_VAR_DIR"] = str(tmp_path)
    hicoop = [sys.executable, "-m", "hicoop.cli"]
    subprocess.run([*hicoop, "migrate", "core", "-v0"], env=env, check=True, timeout=300)
    port = _free_port()
    # Given `hicoop serve` in a process group of its own
    server = subprocess.Popen(
        [*hicoop, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        header = ""
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/none/", timeout=5)
            except urllib.error.HTTPError as answer:
                header = answer.headers.get("Server", "")
                assert answer.headers["Content-Type"].startswith("application/json")
                break
            except OSError:
                time.sleep(0.5)
        # Then gunicorn answers and a job worker runs in the same group
        assert header.startswith("gunicorn"), header
        processes = _children(server.pid)
        assert any("hicoop.cli worker" in p for p in processes), processes
        assert sum("serve" in p for p in processes) >= 3, processes  # master + 2 workers
        # When the group gets SIGTERM
        os.killpg(server.pid, signal.SIGTERM)
        # Then every process ends, gracefully, within the grace period
        server.wait(timeout=60)
        deadline = time.monotonic() + 45
        while _group_alive(server.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _group_alive(server.pid)
        output = server.stdout.read().decode() if server.stdout else ""
        assert "Shutting down: Master" in output, output[-2000:]
    finally:
        if _group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
