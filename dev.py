#!/usr/bin/env python3
"""Bootstrap for a fresh checkout: needs only Python 3.11+ and a package index.

    python3 dev.py demo    install everything, load the mechanism and demo data, serve on 127.0.0.1
    python3 dev.py test    install everything and run the whole test suite

Everything is installed into ``.venv`` inside the checkout; it is reused while
``pyproject.toml`` is unchanged.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".hicoop-installed"
EXTRAS = "dev,bench"


def _bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


def _wanted_stamp() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest}:{EXTRAS}:{sys.version_info[:2]}"


def ensure_installed() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit("hicoop needs Python 3.11 or newer / 需要 Python 3.11 或更高版本")
    if not _bin("python").exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _wanted_stamp():
        return
    pip = [str(_bin("python")), "-m", "pip", "--disable-pip-version-check", "-q"]
    print("Installing hicoop and its dependencies into .venv ...", flush=True)
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f".[{EXTRAS}]"], check=True, cwd=ROOT)
    STAMP.write_text(_wanted_stamp())


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "shell"}:
        print(__doc__)
        return 2
    ensure_installed()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        run = [str(_bin("hicoop")), "demo", *rest]
    elif command == "test":
        run = [str(_bin("python")), "-m", "pytest", *rest]
    else:
        run = [str(_bin("hicoop")), *rest]
    return subprocess.call(run, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
