"""A BM25 inverted index over integer slots with incremental add/remove.

Layout: a *main* segment (term-major CSR, postings of each term ordered by their static impact)
plus a *delta* of slots added since the last compaction and a tombstone mask. Statistics
(document frequency, live document count, average length) are kept live, and BM25 weights are
computed at query time from stored term frequencies, so a query answers exactly as a full
rebuild would, whatever the segment layout. Long posting lists are cut to their highest-impact
part when a query would touch more than ``postings_budget`` postings (documented approximation).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Bm25Params:
    """BM25 constants and the query-time pruning budget."""

    k1: float = 1.5
    b: float = 0.75
    postings_budget: int = 16_384
    min_postings_per_term: int = 256
    max_query_terms: int = 32
    compact_ratio: float = 0.25


@dataclass(frozen=True)
class Hits:
    """Unique live slots touched by a query with their BM25 scores (unordered)."""

    slots: IntArray
    scores: FloatArray
    upper_bound: float


class LexicalIndex:
    """Slots are dense internal numbers handed out by ``add``; callers map them to ids."""

    def __init__(self, params: Bm25Params | None = None) -> None:
        self.params = params or Bm25Params()
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._df = np.zeros(1024, np.int64)
        self._alive = np.zeros(1024, bool)
        self._dl = np.zeros(1024, np.float32)
        self._acc = np.zeros(1024, np.float32)
        self._stamp = np.zeros(1024, np.int32)
        self._size = 0
        self._n_alive = 0
        self._total_len = 0.0
        self._fwd: list[tuple[IntArray, FloatArray]] = []
        self._inv_ptr = np.zeros(1, np.int64)
        self._inv_doc = np.zeros(0, np.int32)
        self._inv_tf = np.zeros(0, np.float32)
        self._main_slots = 0
        self._delta: dict[int, tuple[list[int], list[float]]] = {}
        self._delta_postings = 0

    # ----------------------------------------------------------------- sizes
    def __len__(self) -> int:
        return self._n_alive

    @property
    def slots_used(self) -> int:
        return self._size

    def is_alive(self, slot: int) -> bool:
        return bool(self._alive[slot])

    @property
    def alive_mask(self) -> npt.NDArray[np.bool_]:
        return self._alive[: self._size]

    # ----------------------------------------------------------------- writes
    def term_ids(self, terms: Mapping[str, float], create: bool) -> tuple[IntArray, FloatArray]:
        """Term ids (created when asked) and weights, unknown terms dropped."""
        ids: list[int] = []
        weights: list[float] = []
        for term, weight in terms.items():
            tid = self.vocab.get(term)
            if tid is None and create:
                tid = self._new_term(term)
            if tid is not None and weight > 0:
                ids.append(tid)
                weights.append(weight)
        # Query terms are ordered by text so float sums do not depend on id assignment order.
        keys = ids if create else [self.terms[tid] for tid in ids]
        order = np.asarray(sorted(range(len(ids)), key=keys.__getitem__), np.int64)
        return (
            np.asarray(ids, np.int32)[order],
            np.asarray(weights, np.float32)[order],
        )

    def _new_term(self, term: str) -> int:
        tid = len(self.terms)
        self.vocab[term] = tid
        self.terms.append(term)
        if tid >= len(self._df):
            self._df = np.concatenate([self._df, np.zeros(len(self._df), np.int64)])
        return tid

    def add(self, terms: Mapping[str, float]) -> int:
        """Add one document; returns its slot."""
        ids, tfs = self.term_ids(terms, create=True)
        slot = self._grow_one(ids, tfs)
        for tid, tf in zip(ids.tolist(), tfs.tolist(), strict=True):
            docs, weights = self._delta.setdefault(tid, ([], []))
            docs.append(slot)
            weights.append(tf)
        self._delta_postings += len(ids)
        return slot

    def _grow_one(self, ids: IntArray, tfs: FloatArray) -> int:
        slot = self._size
        self._ensure_capacity(slot + 1)
        self._size += 1
        self._fwd.append((ids, tfs))
        self._alive[slot] = True
        self._dl[slot] = float(tfs.sum())
        self._df[ids] += 1
        self._n_alive += 1
        self._total_len += float(self._dl[slot])
        return slot

    def _ensure_capacity(self, needed: int) -> None:
        if needed <= len(self._alive):
            return
        size = max(needed, 2 * len(self._alive))
        self._alive = _resized(self._alive, size)
        self._dl = _resized(self._dl, size)
        self._acc = np.zeros(size, np.float32)
        self._stamp = np.zeros(size, np.int32)

    def remove(self, slot: int) -> None:
        """Tombstone a slot; its postings are dropped at the next compaction."""
        if not self._alive[slot]:
            return
        ids, _ = self._fwd[slot]
        self._df[ids] -= 1
        self._alive[slot] = False
        self._n_alive -= 1
        self._total_len -= float(self._dl[slot])

    def document(self, slot: int) -> tuple[IntArray, FloatArray]:
        """Term ids and weighted frequencies stored for a slot."""
        return self._fwd[slot]

    def add_many(self, docs: list[tuple[IntArray, FloatArray]]) -> range:
        """Bulk add of documents already mapped to term ids (sorted, unique per document)."""
        first = self._size
        for ids, tfs in docs:
            self._grow_one(ids, tfs)
        self.compact()
        return range(first, self._size)

    def add_csr(self, ptr: npt.NDArray[np.int64], ids: IntArray, tfs: FloatArray) -> range:
        """Bulk add of documents as CSR rows of known term ids (unique within a row)."""
        n, first = len(ptr) - 1, self._size
        self._ensure_capacity(first + n)
        lengths = np.diff(ptr)
        row_sums = np.add.reduceat(tfs, ptr[:-1][lengths > 0]) if len(tfs) else np.zeros(0)
        dl = np.zeros(n, np.float32)
        dl[lengths > 0] = row_sums
        self._dl[first : first + n] = dl
        self._alive[first : first + n] = True
        self._df[: len(self.terms)] += np.bincount(ids, minlength=len(self.terms))
        bounds = ptr.tolist()
        self._fwd.extend((ids[a:b], tfs[a:b]) for a, b in itertools.pairwise(bounds))
        self._size += n
        self._n_alive += n
        self._total_len += float(dl.sum())
        return range(first, first + n)

    def compact(self) -> None:
        """Rebuild the main segment from live documents, ordering postings by impact."""
        n = self._size
        lengths = np.fromiter((len(f[0]) for f in self._fwd), np.int64, count=n)
        lengths[~self._alive[:n]] = 0
        live = [f for f, keep in zip(self._fwd, self._alive[:n], strict=True) if keep]
        ids = np.concatenate([f[0] for f in live]) if live else np.zeros(0, np.int32)
        tfs = np.concatenate([f[1] for f in live]) if live else np.zeros(0, np.float32)
        docs = np.repeat(np.arange(n, dtype=np.int32), lengths)
        del live
        self._build_inverted(ids, tfs, docs)
        self._main_slots = n
        self._delta = {}
        self._delta_postings = 0

    def _build_inverted(self, ids: IntArray, tfs: FloatArray, docs: IntArray) -> None:
        # One stable sort on (term, descending quantised impact); docs stay ascending in ties.
        # The old segment is released first and the key built in chunks to bound peak memory.
        self._inv_doc, self._inv_tf = np.zeros(0, np.int32), np.zeros(0, np.float32)
        top = (1 << 20) - 1
        key = ids.astype(np.int64)
        key <<= 20
        for start in range(0, len(key), 1 << 22):
            part = slice(start, start + (1 << 22))
            quantised = (self._static_impact(tfs[part], docs[part]) * top).astype(np.int64)
            key[part] |= top - quantised
        order = np.argsort(key, kind="stable")
        del key
        counts = np.bincount(ids, minlength=len(self.terms))
        self._inv_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._inv_doc = docs[order]
        self._inv_tf = tfs[order]

    def _static_impact(self, tfs: FloatArray, docs: IntArray) -> FloatArray:
        k1, b = self.params.k1, self.params.b
        norm = k1 * (1 - b + b * self._dl[docs] / max(self._avgdl(), 1e-9))
        return (tfs / (tfs + norm)).astype(np.float32)

    def _avgdl(self) -> float:
        return self._total_len / self._n_alive if self._n_alive else 0.0

    def maybe_compact(self) -> None:
        """Merge the delta when it has grown past ``compact_ratio`` of the main segment."""
        if self._delta_postings > max(4096, self.params.compact_ratio * len(self._inv_doc)):
            self.compact()

    # ----------------------------------------------------------------- reads
    def idf(self, ids: IntArray) -> npt.NDArray[np.float64]:
        df = self._df[ids].astype(np.float64)
        return np.log1p((self._n_alive - df + 0.5) / (df + 0.5))

    def search(self, query: Mapping[str, float]) -> Hits:
        """BM25 scores of live slots sharing at least one term with the query."""
        self.maybe_compact()
        ids, qtf = self.term_ids(query, create=False)
        ids, qtf = ids[self._df[ids] > 0], qtf[self._df[ids] > 0]
        if not len(ids) or not self._n_alive:
            return Hits(np.zeros(0, np.int32), np.zeros(0, np.float32), 0.0)
        factor = (qtf * self.idf(ids) * (self.params.k1 + 1)).astype(np.float64)
        keep = np.argsort(-factor, kind="stable")[: self.params.max_query_terms]
        ids, factor = ids[keep], factor[keep]
        docs, tfs, weights = self._gather(ids, factor)
        return self._accumulate(docs, tfs, weights, float(factor.sum()))

    def _gather(
        self, ids: IntArray, factor: npt.NDArray[np.float64]
    ) -> tuple[IntArray, FloatArray, FloatArray]:
        caps = self._caps(ids, factor)
        parts_doc: list[IntArray] = []
        parts_tf: list[FloatArray] = []
        parts_w: list[FloatArray] = []
        for tid, cap, weight in zip(ids.tolist(), caps.tolist(), factor.tolist(), strict=True):
            docs, tfs = self._postings(tid, cap)
            parts_doc.append(docs)
            parts_tf.append(tfs)
            parts_w.append(np.full(len(docs), weight / (self.params.k1 + 1), np.float32))
        return np.concatenate(parts_doc), np.concatenate(parts_tf), np.concatenate(parts_w)

    def _caps(self, ids: IntArray, factor: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
        lengths = self._main_len(ids)
        budget = self.params.postings_budget
        if lengths.sum() <= budget:
            return lengths
        share = factor / factor.sum()
        caps = np.maximum(self.params.min_postings_per_term, (budget * share).astype(np.int64))
        return np.minimum(lengths, caps)

    def _main_len(self, ids: IntArray) -> npt.NDArray[np.int64]:
        in_main = ids < len(self._inv_ptr) - 1
        lengths = np.zeros(len(ids), np.int64)
        main_ids = ids[in_main]
        lengths[in_main] = self._inv_ptr[main_ids + 1] - self._inv_ptr[main_ids]
        return lengths

    def _postings(self, tid: int, cap: int) -> tuple[IntArray, FloatArray]:
        docs: IntArray = np.zeros(0, np.int32)
        tfs: FloatArray = np.zeros(0, np.float32)
        if tid < len(self._inv_ptr) - 1:
            start = int(self._inv_ptr[tid])
            docs, tfs = self._inv_doc[start : start + cap], self._inv_tf[start : start + cap]
        extra = self._delta.get(tid)
        if extra:
            docs = np.concatenate([docs, np.asarray(extra[0], np.int32)])
            tfs = np.concatenate([tfs, np.asarray(extra[1], np.float32)])
        return docs, tfs

    def _accumulate(
        self, docs: IntArray, tfs: FloatArray, weights: FloatArray, bound: float
    ) -> Hits:
        k1, b = self.params.k1, self.params.b
        norm = np.float32(k1 * (1 - b)) + np.float32(k1 * b / self._avgdl()) * self._dl[docs]
        contrib = weights * (tfs * np.float32(k1 + 1)) / (tfs + norm)
        acc = self._acc
        np.add.at(acc, docs, contrib)
        position = np.arange(len(docs), dtype=np.int32)
        self._stamp[docs[::-1]] = position[::-1]
        first = self._stamp[docs] == position
        slots = docs[first]
        scores = acc[slots]
        acc[docs] = 0
        live = self._alive[slots]
        return Hits(slots[live], scores[live], bound)


def _resized(array: npt.NDArray[Any], size: int) -> npt.NDArray[Any]:
    out = np.zeros(size, array.dtype)
    out[: len(array)] = array
    return out
