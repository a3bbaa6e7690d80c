"""The semantic channel's vectors: unit vectors of records and partner profiles, by id.

Records are searched exactly (one matrix-vector product) up to ``EXACT_LIMIT`` vectors; above
it an HNSW index from ``usearch`` answers when that package is installed (its recall against
exact search is measured in docs/BENCHMARKS.md), else the search stays exact. An owner's
similarity to a query is the cosine between the query and the owner's centroid: the mean of
its records' vectors and of its profile vector, re-normalised (chosen on the dev benchmark
over the best record and over soft k-nearest-neighbour votes, ADR 0030), mixed with the mean
cosine of its ``k`` most similar vectors (``top_means``; the share is a ranking weight chosen
by nested cross-validation, ADR 0052).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hicoop.engine.embedding import ModelInfo, Vectors, unit_rows

EXACT_LIMIT = 200_000


@dataclass(frozen=True)
class AnnSettings:
    """usearch HNSW parameters: graph degree, candidate lists while adding and searching, the
    scalar type the index stores (results are re-scored in float32) and the threads used to
    build (0: all cores). At 100,000 vectors M 32 / ef 512 gave recall@10 0.979 against exact
    search (ef 256: 0.946; 8-bit vectors saturate near 0.7), docs/BENCHMARKS.md."""

    connectivity: int = 32
    expansion_add: int = 128
    expansion_search: int = 512
    dtype: str = "f32"
    threads: int = 0


ANN = AnnSettings()


class VectorStore:
    """Unit vectors by id (records) and by owner (profiles), all from one model."""

    def __init__(self, model: ModelInfo, ann: AnnSettings = ANN) -> None:
        self.model = model
        self.ann = ann
        self._rows = np.zeros((0, model.dim), np.float32)
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._free: list[int] = []
        self.profiles: dict[str, npt.NDArray[np.float32]] = {}
        self.version = 0
        self._ann: tuple[int, object] | None = None

    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._row_of

    def set_many(self, ids: Sequence[str], vectors: npt.ArrayLike) -> None:
        """Add or replace the vectors of ``ids`` (rows of ``vectors``, normalised here)."""
        rows = unit_rows(vectors) if len(ids) else np.zeros((0, self.model.dim), np.float32)
        if rows.shape != (len(ids), self.model.dim):
            raise ValueError(f"expected {len(ids)} vectors of dimension {self.model.dim}")
        new = [i for i in dict.fromkeys(ids) if i not in self._row_of]
        self._grow(len(new))
        for record_id in new:
            row = self._free.pop() if self._free else len(self._ids)
            if row == len(self._ids):
                self._ids.append(record_id)
            self._ids[row] = record_id
            self._row_of[record_id] = row
        self._rows[[self._row_of[i] for i in ids]] = rows
        self.version += 1

    def _grow(self, extra: int) -> None:
        needed = len(self._ids) + max(extra - len(self._free), 0)
        if needed > self._rows.shape[0]:
            grown = np.zeros((max(needed, 2 * self._rows.shape[0], 64), self.model.dim), np.float32)
            grown[: self._rows.shape[0]] = self._rows
            self._rows = grown

    def remove(self, record_id: str) -> None:
        row = self._row_of.pop(record_id, None)
        if row is not None:
            self._rows[row] = 0.0
            self._ids[row] = ""
            self._free.append(row)
            self.version += 1

    def set_profile(self, owner: str, vector: npt.ArrayLike | None) -> None:
        """A partner's profile vector (its description), or ``None`` to forget it."""
        if vector is None:
            self.profiles.pop(owner, None)
        else:
            self.profiles[owner] = unit_rows(vector)[0]
        self.version += 1

    def vector(self, record_id: str) -> npt.NDArray[np.float32] | None:
        row = self._row_of.get(record_id)
        return None if row is None else self._rows[row]

    def similarities(self, ids: Iterable[str], query: npt.NDArray[np.float32]) -> dict[str, float]:
        """Cosine of each known id with the (unit) query vector."""
        known = [i for i in ids if i in self._row_of]
        if not known:
            return {}
        sims = self._rows[[self._row_of[i] for i in known]] @ query
        return dict(zip(known, sims.tolist(), strict=True))

    def mean_similarity(self, query: npt.NDArray[np.float32], sample: int) -> float:
        """Mean cosine of the query over the live vectors (over every n-th live row when there
        are more than ``sample``: deterministic, and the same cost at any size)."""
        rows = self._live_rows()
        if not len(rows):
            return 0.0
        step = max(1, len(rows) // sample)
        return float((self._rows[rows[::step]] @ query).mean())

    def _live_rows(self) -> npt.NDArray[np.int64]:
        rows = np.arange(len(self._ids), dtype=np.int64)
        return np.setdiff1d(rows, self._free, assume_unique=True) if self._free else rows

    def search(self, query: npt.NDArray[np.float32], k: int) -> list[tuple[str, float]]:
        """The ``k`` most similar records (ties by id): exact, or ANN above ``EXACT_LIMIT``."""
        if not self._row_of or k <= 0:
            return []
        if len(self._row_of) > EXACT_LIMIT:
            found = self._ann_search(query, k)
            if found is not None:
                return found
        return self._exact(query, k)

    def _exact(self, query: npt.NDArray[np.float32], k: int) -> list[tuple[str, float]]:
        used = len(self._ids)
        sims = self._rows[:used] @ query
        if self._free:
            sims[self._free] = -np.inf
        k = min(k, len(self._row_of))
        top = np.argpartition(-sims, k - 1)[:k] if k < used else np.arange(used)
        pairs = [(self._ids[r], float(sims[r])) for r in top.tolist() if self._ids[r]]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))[:k]

    def _ann_search(self, query: npt.NDArray[np.float32], k: int) -> list[tuple[str, float]] | None:
        """The index's candidates, re-scored with the stored float32 vectors (the index may
        hold them at lower precision, ``AnnSettings.dtype``), so cosines are exact."""
        index = self._ann_index()
        if index is None:
            return None
        matches = index.search(query, k + len(self._free))  # type: ignore[attr-defined]
        rows = [int(key) for key in matches.keys.tolist() if self._ids[int(key)]]
        sims = self._rows[rows] @ query if rows else np.zeros(0, np.float32)
        pairs = [(self._ids[r], float(c)) for r, c in zip(rows, sims.tolist(), strict=True)]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))[:k]

    def _ann_index(self) -> object | None:
        """An HNSW index over the live rows, rebuilt after the vectors changed."""
        if self._ann is not None and self._ann[0] == self.version:
            return self._ann[1]
        try:
            from usearch.index import Index
        except ImportError:
            return None
        index = Index(
            ndim=self.model.dim,
            metric="cos",
            dtype=self.ann.dtype,
            connectivity=self.ann.connectivity,
            expansion_add=self.ann.expansion_add,
            expansion_search=self.ann.expansion_search,
        )
        rows = self._live_rows()
        index.add(rows, self._rows[rows], threads=self.ann.threads)
        self._ann = (self.version, index)
        return index

    def centroids(
        self, members: Mapping[str, Sequence[str]]
    ) -> tuple[list[str], npt.NDArray[np.float32]]:
        """Unit centroid per owner of its members' vectors and profile (owners without any
        vector are left out), owners in sorted order."""
        names, rows = [], []
        for owner in sorted(members):
            found = [self._row_of[i] for i in members[owner] if i in self._row_of]
            parts = [self._rows[found]] if found else []
            if owner in self.profiles:
                parts.append(self.profiles[owner][None, :])
            if parts:
                names.append(owner)
                rows.append(np.concatenate(parts).mean(axis=0))
        matrix: Vectors = (
            unit_rows(np.array(rows)) if rows else np.zeros((0, self.model.dim), np.float32)
        )
        return names, matrix

    def member_rows(
        self, names: Sequence[str], members: Mapping[str, Sequence[str]]
    ) -> list[npt.NDArray[np.int64]]:
        """Row numbers of each owner's member vectors (``names`` as ``centroids`` returns)."""
        return [
            np.array([self._row_of[i] for i in members[o] if i in self._row_of], np.int64)
            for o in names
        ]

    def top_means(
        self,
        names: Sequence[str],
        rows: Sequence[npt.NDArray[np.int64]],
        query: npt.NDArray[np.float32],
        k: int,
    ) -> npt.NDArray[np.float32]:
        """Per owner, the mean cosine of the query with its ``k`` most similar member vectors
        (records and profile): one product over every stored vector, then one sort of all the
        members by owner and cosine, keeping each owner's first ``k``."""
        sims = self._rows[: len(self._ids)] @ query
        counts = [len(r) for r in rows]
        flat = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        values = sims[flat.astype(np.int64, copy=False)]
        owners = np.repeat(np.arange(len(names), dtype=np.int64), counts)
        with_profile = [n for n, owner in enumerate(names) if owner in self.profiles]
        if with_profile:
            profiles = np.stack([self.profiles[names[n]] for n in with_profile])
            values = np.concatenate([values, profiles @ query])
            owners = np.concatenate([owners, np.array(with_profile, np.int64)])
        order = np.lexsort((-values, owners))
        owners, values = owners[order], values[order]
        rank = np.arange(len(owners)) - np.searchsorted(owners, owners)
        keep = rank < k
        total = np.bincount(owners[keep], weights=values[keep], minlength=len(names))
        count = np.bincount(owners[keep], minlength=len(names))
        means = np.divide(total, count, out=np.zeros(len(names)), where=count > 0)
        return means.astype(np.float32)
