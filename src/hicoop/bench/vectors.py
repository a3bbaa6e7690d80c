"""Embeddings for the benchmarks, cached on disk per model so a rerun does not re-embed.

The cache lives under the dataset's parent directory (``var/bench/vectors/``), is keyed by
the model's name and version and the sha1 of each text, and is never committed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from hicoop.engine.embedding import EmbeddingBackend, Vectors, load_backend

BATCH = 64


class CachedEmbedder:
    """Embeds texts through a backend, remembering vectors in an ``.npz`` file per model."""

    def __init__(self, backend: EmbeddingBackend, directory: Path) -> None:
        self.backend = backend
        safe = backend.info.key.replace("/", "_").replace(":", "_").replace("@", "_")
        self.path = directory / f"{safe}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as stored:
                self._vectors = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self.embedded = 0
        self.embed_seconds = 0.0

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        keys = [_key(t, query) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing:
            by_key = {k: t for k, t in zip(keys, texts, strict=True)}
            for start in range(0, len(missing), BATCH):
                part = missing[start : start + BATCH]
                began = time.perf_counter()
                rows = self.backend.embed([by_key[k] for k in part], query=query)
                self.embed_seconds += time.perf_counter() - began
                self.embedded += len(part)
                self._vectors.update(zip(part, rows, strict=True))
            self.save()
        if not keys:
            return np.zeros((0, self.backend.info.dim), np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._vectors)
        np.savez(self.path, keys=np.array(keys), vectors=np.stack([self._vectors[k] for k in keys]))


def _key(text: str, query: bool) -> str:
    return ("q:" if query else "p:") + hashlib.sha1(text.encode("utf-8")).hexdigest()


def bench_embedder(dataset: Path, spec: str = "") -> CachedEmbedder | None:
    """The cached embedder of the backend ``spec`` names (``""``: the bundled default)."""
    status = load_backend(spec)
    if status.backend is None:
        return None
    return CachedEmbedder(status.backend, _cache_root(dataset) / "vectors")


def _cache_root(dataset: Path) -> Path:
    root = dataset.resolve()
    return root.parent.parent if root.name.startswith("fold-") else root.parent
