"""A BM25 inverted index over integer slots with incremental add/remove.

Layout: a *main* segment (term-major CSR: one slot array and one frequency array, postings of
each term ordered by their static impact), plus a *delta* of slots added since the last
compaction and a tombstone mask. Each posting is stored once: the main segment keeps no forward
(document-major) copy; only the delta does. Statistics (document frequency, live document count,
average length) are kept live, and BM25 weights are computed at query time from stored term
frequencies, so a query answers exactly as a full rebuild would, whatever the segment layout.
Long posting lists are cut to their highest-impact part when a query would touch more than
``postings_budget`` postings (documented approximation).

The delta has two parts: documents added one by one (``add``), searchable at once through a
small term → postings map, and bulk batches (``add_csr``, ``add_many``), copied into large
document-major blocks until the next compaction (a search compacts first). Removing a document
of the main segment has to find its postings by scanning them (the price of storing them once);
removals are settled in one batch before the next read of the statistics. Compaction works in
term bands (see ``compact``); large arrays live in private anonymous memory maps (``_buffer``).
"""

from __future__ import annotations

import mmap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int32]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

# Postings sorted at once while compacting (one band: a contiguous range of terms).
BAND_POSTINGS = 1 << 22
# Postings per storage block of bulk rows awaiting compaction.
BLOCK_POSTINGS = 1 << 23
# Terms per band: a band's local term ids fit in 16 bits, so its sort is two radix passes.
BAND_TERMS = 1 << 16
_IMPACT_LEVELS = (1 << 16) - 1


@dataclass(frozen=True)
class Bm25Params:
    """BM25 constants and the query-time pruning budget."""

    k1: float = 1.5
    b: float = 0.75
    postings_budget: int = 16_384
    min_postings_per_term: int = 256
    max_query_terms: int = 32
    compact_ratio: float = 0.25
    # Documents added one by one stay in the delta until it holds this many postings at most
    # (or ``compact_ratio`` of the main segment, whichever is smaller; at least 4,096).
    max_delta_postings: int = 1 << 22


class Hits:
    """The postings a query scored: slot, term id and the slot's total BM25 score for each
    (a slot appears once per matched term). ``slots`` / ``scores`` are the unique live slots
    (unordered); ``best`` gives the best ones without deduplicating everything. Keeping the
    postings lets a result be explained by exactly what produced its score."""

    def __init__(
        self,
        upper_bound: float,
        posting_slots: IntArray | None = None,
        posting_terms: IntArray | None = None,
        posting_scores: FloatArray | None = None,
        n_terms: int = 0,
        which: Int64Array | None = None,
        term_ids: IntArray | None = None,
    ) -> None:
        self.upper_bound = upper_bound
        self.n_terms = n_terms
        self._chosen: Int64Array | None = None
        self.posting_slots = _or_empty(posting_slots, np.int32)
        self.posting_scores = _or_empty(posting_scores, np.float32)
        # Term of each posting, given directly or as (position in term_ids) per posting.
        self._terms = posting_terms
        self._which, self._term_ids = which, term_ids

    @property
    def posting_terms(self) -> IntArray:
        if self._terms is None:
            if self._which is None or self._term_ids is None:
                self._terms = np.zeros(len(self.posting_slots), np.int32)
            else:
                self._terms = self._term_ids[self._which]
        return self._terms

    def _terms_at(self, positions: Int64Array) -> IntArray:
        if self._terms is None and self._which is not None and self._term_ids is not None:
            return self._term_ids[self._which[positions]]
        return self.posting_terms[positions]

    @cached_property
    def _unique(self) -> tuple[IntArray, FloatArray]:
        slots, first = np.unique(self.posting_slots, return_index=True)
        return slots.astype(np.int32), self.posting_scores[first]

    @property
    def slots(self) -> IntArray:
        return self._unique[0]

    @property
    def scores(self) -> FloatArray:
        return self._unique[1]

    def __len__(self) -> int:
        return len(self.slots)

    def best(self, size: int) -> tuple[IntArray, FloatArray]:
        """The ``size`` best slots by (score desc, slot asc) and their scores, in that order;
        slots tied with the last one are kept. Fewer when fewer slots were hit.

        All postings of a slot carry the slot's total, and a slot has at most one posting per
        query term, so the ``size × terms`` best postings hold at least ``size`` slots."""
        scores, n = self.posting_scores, len(self.posting_scores)
        wanted = max(size, 1)
        take = wanted * max(self.n_terms, 1)
        if take < n:
            threshold = np.partition(scores, n - take)[n - take]
            chosen = np.flatnonzero(scores >= threshold)
        else:
            chosen = np.arange(n)
        if self._chosen is None or len(chosen) > len(self._chosen):
            self._chosen = chosen
        slots, first = np.unique(self.posting_slots[chosen], return_index=True)
        values = scores[chosen[first]]
        order = np.lexsort((slots, -values))
        slots, values = slots[order], values[order]
        if len(slots) > wanted:
            keep = int(np.searchsorted(-values, -values[wanted - 1], side="right"))
            slots, values = slots[:keep], values[:keep]
        return slots.astype(np.int32), values

    def scored_terms(self, slots: Sequence[int]) -> dict[int, list[int]]:
        """Term ids whose postings were scored for each of ``slots`` (ascending ids)."""
        out: dict[int, list[int]] = {int(s): [] for s in slots}
        # Slots returned by ``best`` have all their postings among the chosen ones.
        if self._chosen is not None:
            self._collect_terms(out, self._chosen)
        missing = [slot for slot, terms in out.items() if not terms]
        if missing:
            self._collect_terms(out, np.flatnonzero(np.isin(self.posting_slots, missing)))
        for terms in out.values():
            terms.sort()
        return out

    def _collect_terms(self, out: dict[int, list[int]], positions: Int64Array) -> None:
        slots = self.posting_slots[positions]
        keep = np.isin(slots, np.fromiter(out, np.int64, len(out)))
        positions, slots = positions[keep], slots[keep]
        for slot, term in zip(slots.tolist(), self._terms_at(positions).tolist(), strict=True):
            terms = out[slot]
            if term not in terms:
                terms.append(term)


@dataclass
class _Stage:
    """A compaction in progress: postings appended band by band, with the term within band."""

    cursor: Int64Array
    first_term: Int64Array
    band_of: IntArray
    docs: IntArray
    tfs: FloatArray
    local: npt.NDArray[np.uint16]


@dataclass
class _Block:
    """Engine-owned storage of bulk rows: large arrays, so the allocator hands them back to
    the system when a compaction releases them (small ones would fragment the heap)."""

    ids: IntArray
    tfs: FloatArray
    used: int = 0


@dataclass
class _Batch:
    """Document-major rows of the slots [first, first + len(ptr) - 1), not yet in the main."""

    first: int
    ptr: Int64Array
    ids: IntArray
    tfs: FloatArray

    def row(self, slot: int) -> tuple[IntArray, FloatArray]:
        a, b = int(self.ptr[slot - self.first]), int(self.ptr[slot - self.first + 1])
        return self.ids[a:b], self.tfs[a:b]

    @property
    def stop(self) -> int:
        return self.first + len(self.ptr) - 1


class LexicalIndex:
    """Slots are dense internal numbers handed out by ``add``; callers map them to ids."""

    def __init__(self, params: Bm25Params | None = None) -> None:
        self.params = params or Bm25Params()
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self._df = np.zeros(1024, np.int64)
        self._alive = np.zeros(1024, bool)
        # Per slot: [query accumulator, document length], side by side so that scoring a
        # posting touches one cache line for both (random access dominates query time).
        self._per_slot = np.zeros((1024, 2), np.float32)
        self._size = 0
        self._n_alive = 0
        self._total_len = 0.0
        # main segment
        self._inv_ptr = np.zeros(1, np.int64)
        self._inv_doc = np.zeros(0, np.int32)
        self._inv_tf = np.zeros(0, np.float32)
        self._main_slots = 0
        # delta: one-by-one documents (forward rows + searchable postings) and bulk batches
        self._rows: dict[int, tuple[IntArray, FloatArray]] = {}
        self._delta: dict[int, tuple[list[int], list[float]]] = {}
        self._delta_postings = 0
        self._batches: list[_Batch] = []
        self._open_block: _Block | None = None
        self._pending: list[int] = []

    # ----------------------------------------------------------------- sizes
    @property
    def _acc(self) -> FloatArray:
        return self._per_slot[:, 0]

    @property
    def _dl(self) -> FloatArray:
        return self._per_slot[:, 1]

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

    @property
    def main_postings(self) -> int:
        """Postings stored in the main segment (live or not)."""
        return len(self._inv_doc)

    def nbytes(self) -> int:
        """Bytes held by numpy arrays of the index (postings, per-slot and per-term arrays)."""
        arrays: list[npt.NDArray[Any]] = [
            self._df,
            self._alive,
            self._per_slot,
            self._inv_ptr,
            self._inv_doc,
            self._inv_tf,
        ]
        arrays += [a for batch in self._batches for a in (batch.ptr, batch.ids, batch.tfs)]
        arrays += [a for row in self._rows.values() for a in row]
        return sum(a.nbytes for a in arrays)

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
            self._df = _resized(self._df, 2 * len(self._df))
        return tid

    def add(self, terms: Mapping[str, float]) -> int:
        """Add one document; it is searchable at once. Returns its slot."""
        ids, tfs = self.term_ids(terms, create=True)
        slot = self._size
        self._grow(np.asarray(tfs.sum(), np.float32).reshape(1))
        self._df[ids] += 1
        self._rows[slot] = (ids, tfs)
        for tid, tf in zip(ids.tolist(), tfs.tolist(), strict=True):
            docs, weights = self._delta.setdefault(tid, ([], []))
            docs.append(slot)
            weights.append(tf)
        self._delta_postings += len(ids)
        return slot

    def _grow(self, lengths: FloatArray) -> range:
        first, n = self._size, len(lengths)
        self._ensure_capacity(first + n)
        self._dl[first : first + n] = lengths
        self._alive[first : first + n] = True
        self._size += n
        self._n_alive += n
        self._total_len += float(lengths.sum(dtype=np.float64))
        return range(first, first + n)

    def _ensure_capacity(self, needed: int) -> None:
        if needed <= len(self._alive):
            return
        size = max(needed, 2 * len(self._alive))
        self._alive = _resized(self._alive, size)
        per_slot = _buffer(2 * size, np.float32).reshape(size, 2)
        per_slot[: len(self._per_slot), 1] = self._per_slot[:, 1]
        self._per_slot = per_slot

    def remove(self, slot: int) -> None:
        """Tombstone a slot; its postings are dropped at the next compaction. Its document
        frequencies are settled (in one batch with other removals) before the next read."""
        if not self._alive[slot]:
            return
        self._alive[slot] = False
        self._n_alive -= 1
        self._total_len -= float(self._dl[slot])
        self._pending.append(slot)

    def add_many(self, docs: list[tuple[IntArray, FloatArray]]) -> range:
        """Bulk add of documents already mapped to term ids (unique per document); compacts."""
        lengths = np.fromiter((len(ids) for ids, _ in docs), np.int64, len(docs))
        ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        ids = np.concatenate([d[0] for d in docs]) if docs else np.zeros(0, np.int32)
        tfs = np.concatenate([d[1] for d in docs]) if docs else np.zeros(0, np.float32)
        slots = self.add_csr(ptr, ids.astype(np.int32), tfs.astype(np.float32))
        self.compact()
        return slots

    def add_csr(self, ptr: Int64Array, ids: IntArray, tfs: FloatArray) -> range:
        """Bulk add of documents as CSR rows of known term ids (unique within a row). The rows
        are copied into the delta and merged at the next compaction, which a search triggers."""
        ptr = np.asarray(ptr, np.int64)
        n = len(ptr) - 1
        lengths = np.diff(ptr)
        dl = np.zeros(n, np.float32)
        p0, p1 = (int(ptr[0]), int(ptr[-1])) if n else (0, 0)
        if p1 > p0:
            dl[lengths > 0] = np.add.reduceat(tfs[p0:p1], ptr[:-1][lengths > 0] - p0)
        self._df[: len(self.terms)] += np.bincount(ids[p0:p1], minlength=len(self.terms))
        slots = self._grow(dl)
        if not n:
            return slots
        size = p1 - p0
        block = self._open_block
        if block is None or block.used + size > len(block.ids):
            capacity = max(BLOCK_POSTINGS, size)
            block = _Block(_buffer(capacity, np.int32), _buffer(capacity, np.float32))
            self._open_block = block
        a, b = block.used, block.used + size
        block.ids[a:b] = ids[p0:p1]
        block.tfs[a:b] = tfs[p0:p1]
        block.used = b
        self._batches.append(_Batch(slots.start, ptr - p0, block.ids[a:b], block.tfs[a:b]))
        return slots

    # ----------------------------------------------------------------- documents
    def document(self, slot: int) -> tuple[IntArray, FloatArray]:
        """Term ids (ascending) and weighted frequencies stored for a slot. For a slot of the
        main segment this scans the postings (slow on large indexes; batch with ``documents``)."""
        return self.documents([slot])[slot]

    def documents(self, slots: Iterable[int]) -> dict[int, tuple[IntArray, FloatArray]]:
        """``document`` of many slots, with one scan of the main segment for all of them."""
        wanted = sorted({int(s) for s in slots})
        out: dict[int, tuple[IntArray, FloatArray]] = {}
        in_main: list[int] = []
        for slot in wanted:
            if slot in self._rows:
                out[slot] = self._rows[slot]
            elif slot >= self._main_slots:
                out[slot] = self._batch_of(slot).row(slot)
            else:
                in_main.append(slot)
        if in_main:
            docs, terms, tfs = self._main_postings_of(in_main)
            order = np.lexsort((terms, docs))
            docs, terms, tfs = docs[order], terms[order], tfs[order]
            bounds = np.searchsorted(docs, np.asarray([*in_main, self._size], np.int64))
            for i, slot in enumerate(in_main):
                a, b = bounds[i], bounds[i + 1]
                out[slot] = (terms[a:b].astype(np.int32), tfs[a:b])
        return out

    def _batch_of(self, slot: int) -> _Batch:
        for batch in self._batches:
            if batch.first <= slot < batch.stop:
                return batch
        raise KeyError(slot)

    def _main_postings_of(self, slots: list[int]) -> tuple[Int64Array, Int64Array, FloatArray]:
        """(slot, term, tf) of every main-segment posting of ``slots``."""
        parts: list[tuple[Int64Array, Int64Array, FloatArray]] = []
        mark = None
        if len(slots) > 4:
            mark = np.zeros(self._main_slots, bool)
            mark[slots] = True
        for start in range(0, len(self._inv_doc), BAND_POSTINGS):
            docs = self._inv_doc[start : start + BAND_POSTINGS]
            hit = np.flatnonzero(np.isin(docs, slots) if mark is None else mark[docs])
            if len(hit):
                hit += start
                terms = np.searchsorted(self._inv_ptr, hit, side="right") - 1
                parts.append((self._inv_doc[hit].astype(np.int64), terms, self._inv_tf[hit]))
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    def _settle(self) -> None:
        """Take the document frequencies of pending removals off, in one batch."""
        if not self._pending:
            return
        slots, self._pending = sorted(set(self._pending)), []
        removed: list[npt.NDArray[Any]] = []
        in_main: list[int] = []
        for slot in slots:
            if slot in self._rows:
                removed.append(self._rows.pop(slot)[0])
            elif slot >= self._main_slots:
                removed.append(self._batch_of(slot).row(slot)[0])
            else:
                in_main.append(slot)
        if in_main:
            removed.append(self._main_postings_of(in_main)[1])
        if removed:
            terms = np.concatenate(removed).astype(np.int64)
            self._df[: len(self.terms)] -= np.bincount(terms, minlength=len(self.terms))

    # ----------------------------------------------------------------- compaction
    def compact(self) -> None:
        """Rebuild the main segment from live documents, ordering postings by impact.

        Terms are grouped in bands (contiguous term ranges of a few million postings). Each
        source (the old main segment, bulk batches, one-by-one documents) is appended band by
        band to three preallocated arrays (slot, frequency, term within band) and released;
        then each band is sorted in place by (term, descending quantised impact). Memory grows
        only as postings are written and bulk batches are freed as they are read, so a bulk
        build peaks at about one copy of the postings plus a 2-byte term tag per posting.
        """
        self._settle()
        n_terms = len(self.terms)
        counts = self._df[:n_terms].copy()
        ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        bounds = _band_bounds(counts)
        band_of = np.zeros(n_terms, np.int32)
        for band_no, (t0, t1) in enumerate(bounds):
            band_of[t0:t1] = band_no
        total = int(ptr[-1])
        stage = _Stage(
            ptr[np.asarray([t0 for t0, _ in bounds], np.int64)],
            np.asarray([t0 for t0, _ in bounds], np.int64),
            band_of,
            _buffer(total, np.int32),
            _buffer(total, np.float32),
            _buffer(total, np.uint16),
        )
        old_docs, old_tfs, old_ptr = self._inv_doc, self._inv_tf, self._inv_ptr
        self._inv_doc, self._inv_tf = np.zeros(0, np.int32), np.zeros(0, np.float32)
        for start, stop in _band_bounds(np.diff(old_ptr)):
            p0, p1 = int(old_ptr[start]), int(old_ptr[stop])
            terms = np.repeat(
                np.arange(start, stop, dtype=np.int32), np.diff(old_ptr[start : stop + 1])
            )
            self._stage(stage, old_docs[p0:p1], terms, old_tfs[p0:p1], by_term=True)
            _release_prefix(old_docs, p1)
            _release_prefix(old_tfs, p1)
        del old_docs, old_tfs
        batches, self._batches, self._open_block = self._batches, [], None
        while batches:
            batch = batches.pop(0)
            lengths = np.diff(batch.ptr)
            cuts = np.searchsorted(batch.ptr, np.arange(0, batch.ptr[-1], BAND_POSTINGS // 2))
            cuts = np.unique(np.concatenate([cuts, [len(lengths)]]))
            for r0, r1 in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
                p0, p1 = int(batch.ptr[r0]), int(batch.ptr[r1])
                rows = np.repeat(
                    np.arange(batch.first + r0, batch.first + r1, dtype=np.int32), lengths[r0:r1]
                )
                self._stage(stage, rows, batch.ids[p0:p1], batch.tfs[p0:p1], by_term=False)
            del batch
        if self._delta:
            size = self._delta_postings
            tail_terms = np.fromiter(
                (t for t, (d, _) in self._delta.items() for _ in d), np.int32, size
            )
            tail_docs = np.fromiter((s for d, _ in self._delta.values() for s in d), np.int32, size)
            tail_tfs = np.fromiter(
                (w for _, ws in self._delta.values() for w in ws), np.float32, size
            )
            self._stage(stage, tail_docs, tail_terms, tail_tfs, by_term=False)
        self._rows, self._delta, self._delta_postings = {}, {}, 0
        ends = ptr[np.asarray([t1 for _, t1 in bounds], np.int64)]
        if not np.array_equal(stage.cursor, ends):
            raise RuntimeError("document frequencies out of step with the postings")
        k1, b = self.params.k1, self.params.b
        norm_a = np.float32(k1 * (1 - b))
        norm_b = np.float32(k1 * b / max(self._avgdl(), 1e-9))
        for t0, t1 in bounds:
            self._order_by_impact(stage, ptr, t0, t1, norm_a, norm_b)
        self._inv_ptr, self._inv_doc, self._inv_tf = ptr, stage.docs, stage.tfs
        self._main_slots = self._size

    def _stage(
        self, stage: _Stage, docs: IntArray, terms: IntArray, tfs: FloatArray, by_term: bool
    ) -> None:
        """Append a source's live postings to their bands (stable)."""
        live = self._alive[docs]
        if not live.all():
            docs, terms, tfs = docs[live], terms[live], tfs[live]
        if not len(docs):
            return
        bands = stage.band_of[terms]
        if not by_term and len(stage.cursor) > 1:
            order = _stable_order(bands.astype(np.uint32), len(stage.cursor))
            docs, terms, tfs, bands = docs[order], terms[order], tfs[order], bands[order]
            del order
        edges = np.searchsorted(bands, np.arange(len(stage.cursor) + 1))
        for band_no in np.flatnonzero(np.diff(edges)).tolist():
            lo, hi = int(edges[band_no]), int(edges[band_no + 1])
            at = int(stage.cursor[band_no])
            stage.docs[at : at + hi - lo] = docs[lo:hi]
            stage.tfs[at : at + hi - lo] = tfs[lo:hi]
            stage.local[at : at + hi - lo] = terms[lo:hi] - stage.first_term[band_no]
            stage.cursor[band_no] = at + hi - lo

    def _order_by_impact(
        self,
        stage: _Stage,
        ptr: Int64Array,
        t0: int,
        t1: int,
        norm_a: np.float32,
        norm_b: np.float32,
    ) -> None:
        """Sort one band in place by (term, descending quantised impact), stable."""
        a, b = int(ptr[t0]), int(ptr[t1])
        if b == a:
            return
        docs, tfs = stage.docs[a:b], stage.tfs[a:b]
        impact = tfs / (tfs + (norm_a + norm_b * self._dl[docs]))
        rank = ((np.float32(1) - impact) * np.float32(_IMPACT_LEVELS)).astype(np.uint16)
        del impact
        order = np.argsort(rank, kind="stable")
        del rank
        order = order[np.argsort(stage.local[a:b][order], kind="stable")]
        docs[:] = docs[order]
        tfs[:] = tfs[order]

    def _avgdl(self) -> float:
        return self._total_len / self._n_alive if self._n_alive else 0.0

    def _delta_limit(self) -> float:
        limit = min(self.params.compact_ratio * len(self._inv_doc), self.params.max_delta_postings)
        return max(4096.0, limit)

    def maybe_compact(self) -> None:
        """Merge bulk batches at once, and one-by-one documents once they have grown past
        ``compact_ratio`` of the main segment (or ``max_delta_postings``)."""
        if self._batches or self._delta_postings > self._delta_limit():
            self.compact()

    # ----------------------------------------------------------------- reads
    def idf(self, ids: IntArray) -> npt.NDArray[np.float64]:
        self._settle()
        df = self._df[ids].astype(np.float64)
        return np.log1p((self._n_alive - df + 0.5) / (df + 0.5))

    def search(self, query: Mapping[str, float]) -> Hits:
        """BM25 scores of live slots sharing at least one term with the query."""
        self.maybe_compact()
        self._settle()
        ids, qtf = self.term_ids(query, create=False)
        known = self._df[ids] > 0
        ids, qtf = ids[known], qtf[known]
        if not len(ids) or not self._n_alive:
            return Hits(0.0)
        factor = (qtf * self.idf(ids) * (self.params.k1 + 1)).astype(np.float64)
        keep = np.argsort(-factor, kind="stable")[: self.params.max_query_terms]
        ids, factor = ids[keep], factor[keep]
        docs, tfs, which = self._gather(ids, factor)
        return self._accumulate(docs, tfs, which, ids, factor)

    def _gather(
        self, ids: IntArray, factor: npt.NDArray[np.float64]
    ) -> tuple[IntArray, FloatArray, Int64Array]:
        """Postings of each query term (the highest-impact head of its main list when pruned,
        then its one-by-one delta postings), with the position of the term in ``ids`` for each
        posting. A document is in the main segment or in the delta, never both, so each
        document still receives its terms' contributions in query-term order."""
        caps = self._caps(ids, factor)
        in_main = ids < len(self._inv_ptr) - 1
        starts = np.zeros(len(ids), np.int64)
        starts[in_main] = self._inv_ptr[ids[in_main]]
        total = int(caps.sum())
        offsets = np.cumsum(caps) - caps
        positions = np.repeat(starts - offsets, caps) + np.arange(total, dtype=np.int64)
        docs, tfs = self._inv_doc[positions], self._inv_tf[positions]
        which = np.repeat(np.arange(len(ids), dtype=np.int64), caps)
        if not self._delta:
            return docs, tfs, which
        parts_doc, parts_tf, parts_which = [docs], [tfs], [which]
        for i, tid in enumerate(ids.tolist()):
            extra = self._delta.get(tid)
            if extra:
                parts_doc.append(np.asarray(extra[0], np.int32))
                parts_tf.append(np.asarray(extra[1], np.float32))
                parts_which.append(np.full(len(extra[0]), i, np.int64))
        return np.concatenate(parts_doc), np.concatenate(parts_tf), np.concatenate(parts_which)

    def _caps(self, ids: IntArray, factor: npt.NDArray[np.float64]) -> Int64Array:
        lengths = self._main_len(ids)
        budget = self.params.postings_budget
        if lengths.sum() <= budget:
            return lengths
        share = factor / factor.sum()
        caps = np.maximum(self.params.min_postings_per_term, (budget * share).astype(np.int64))
        return np.minimum(lengths, caps)

    def _main_len(self, ids: IntArray) -> Int64Array:
        in_main = ids < len(self._inv_ptr) - 1
        lengths = np.zeros(len(ids), np.int64)
        main_ids = ids[in_main]
        lengths[in_main] = self._inv_ptr[main_ids + 1] - self._inv_ptr[main_ids]
        return lengths

    def _accumulate(
        self,
        docs: IntArray,
        tfs: FloatArray,
        which: Int64Array,
        ids: IntArray,
        factor: npt.NDArray[np.float64],
    ) -> Hits:
        k1, b = self.params.k1, self.params.b
        # contribution = idf · qtf · (k1 + 1) · tf / (tf + k1 · (1 - b + b · dl / avgdl))
        denominator = self._dl[docs]
        denominator *= np.float32(k1 * b / self._avgdl())
        denominator += np.float32(k1 * (1 - b))
        denominator += tfs
        contrib = factor.astype(np.float32)[which]
        contrib *= tfs
        contrib /= denominator
        acc = self._acc
        np.add.at(acc, docs, contrib)
        totals = acc[docs]
        acc[docs] = 0
        if self._n_alive < self._size:
            live = self._alive[docs]
            if not live.all():
                docs, which, totals = docs[live], which[live], totals[live]
        return Hits(float(factor.sum()), docs, None, totals, len(ids), which=which, term_ids=ids)


def _band_bounds(counts: Int64Array) -> list[tuple[int, int]]:
    """Contiguous term ranges of at most ``BAND_TERMS`` terms and (unless a single term is
    longer) ``BAND_POSTINGS`` postings."""
    bounds: list[tuple[int, int]] = []
    n = len(counts)
    cumulative = np.concatenate([[0], np.cumsum(counts)])
    start = 0
    while start < n:
        limit = cumulative[start] + BAND_POSTINGS
        stop = int(np.searchsorted(cumulative, limit, side="right")) - 1
        stop = min(max(stop, start + 1), start + BAND_TERMS, n)
        bounds.append((start, stop))
        start = stop
    return bounds


def _stable_order(keys: npt.NDArray[np.uint32], n_keys: int) -> Int64Array:
    """Stable argsort of small non-negative integer keys with 16-bit radix passes."""
    if n_keys <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    return order[np.argsort((keys[order] >> 16).astype(np.uint16), kind="stable")]


def _buffer(size: int, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A zeroed array; one of 64 KiB or more lives in its own anonymous memory map.

    Two measured reasons: releasing such an array hands its memory back to the system
    whatever the state of the malloc heap (freed heap space is kept and would add to the next
    peak), and random access into per-slot arrays (the query accumulator, document lengths)
    was an order of magnitude slower when they sat in a large, fragmented heap."""
    nbytes = size * np.dtype(dtype).itemsize
    if nbytes < 1 << 16:
        return np.zeros(size, dtype)
    return np.frombuffer(_anonymous_map(nbytes), dtype, size)


def _anonymous_map(nbytes: int) -> mmap.mmap:
    """Private anonymous memory (zero-filled): released pages are really freed, not kept
    behind the process's back as shared memory would be."""
    private = getattr(mmap, "MAP_PRIVATE", None)
    anonymous = getattr(mmap, "MAP_ANONYMOUS", None)
    if private is None or anonymous is None:  # Windows: no flags, private by nature
        return mmap.mmap(-1, nbytes)
    return mmap.mmap(-1, nbytes, flags=private | anonymous)


def _release_prefix(array: npt.NDArray[Any], stop: int) -> None:
    """Hand the pages of ``array[:stop]`` back to the system when the array owns its memory map
    (it must not be read there again): a rebuild then holds about one copy of the postings."""
    buffer = array.base.obj if isinstance(array.base, memoryview) else array.base
    private = getattr(mmap, "MAP_PRIVATE", None)
    if not isinstance(buffer, mmap.mmap) or private is None or not hasattr(mmap, "MADV_DONTNEED"):
        return
    length = stop * array.itemsize // mmap.PAGESIZE * mmap.PAGESIZE
    if length:
        buffer.madvise(mmap.MADV_DONTNEED, 0, length)


def _or_empty(array: npt.NDArray[Any] | None, dtype: type[np.generic]) -> npt.NDArray[Any]:
    return np.zeros(0, dtype) if array is None else array


def _resized(array: npt.NDArray[Any], size: int) -> npt.NDArray[Any]:
    out = _buffer(size, array.dtype.type)
    out[: len(array)] = array
    return out
