#!/usr/bin/env python3
"""Fetch the pinned front-end libraries from the npm registry into the app's static files.

The app serves them itself (no CDN: government intranets reach none). Each package is verified
against the registry's sha512 integrity before its files are copied; run again after changing a
version below, and commit the result.

    python3 tools/vendor_js.py
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
TARGET = Path(__file__).resolve().parents[1] / "src/hicoop/core/static/hicoop/vendor"
# package → (version, files inside the package to copy)
PINNED = {
    "echarts": ("6.1.0", ["dist/echarts.min.js", "LICENSE", "NOTICE"]),
    # The searchable pickers (core.widgets) fetch their options with it; 2.0 is the line whose
    # attributes the widget uses (hx-get, hx-trigger with delay, hx-target, hx-sync).
    "htmx.org": ("2.0.11", ["dist/htmx.min.js", "LICENSE"]),
}


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def vendor(name: str, version: str, files: list[str]) -> None:
    meta = json.loads(fetch(f"{REGISTRY}/{name}/{version}"))
    tarball = fetch(meta["dist"]["tarball"])
    algorithm, expected = meta["dist"]["integrity"].split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{name}@{version}: integrity mismatch")
    out = TARGET / name
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        for path in files:
            member = archive.extractfile(f"package/{path}")
            if member is None:
                raise SystemExit(f"{name}@{version}: {path} missing")
            (out / Path(path).name).write_bytes(member.read())
    (out / "VERSION").write_text(f"{name}@{version} {meta['dist']['integrity']}\n")
    print(f"{name}@{version} → {out}")


if __name__ == "__main__":
    for package, (pinned, wanted) in PINNED.items():
        vendor(package, pinned, wanted)
