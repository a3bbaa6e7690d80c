"""The speed part of ``hicoop bench match --scale N``: a generated corpus of N records.

Each generated record is a real title plus two to four real sentences drawn (seeded) from the
dataset's texts. Every distinct sentence is analysed once (``analyze_s``); ``index_s`` is the
time to turn records into the index from those analysed pieces. Short queries are titles, long
queries are whole texts (abstracts); latency includes analysing the query.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from hicoop.bench.match import load_split, peak_mb, splits_of
from hicoop.bench.metrics import percentile_ms
from hicoop.bench.systems import Bm25sSystem, make_system
from hicoop.engine import Analyzer, MatchIndex, Query, Record, top_k

_SENTENCE_END = re.compile(r"(?<=[。；;!?！？.])")
SEED = 20201202
# Records merged per batch (smaller batches keep the merge's sort in cache).
CHUNK = 25_000


def sentence_pools(dataset: str) -> tuple[list[str], list[str]]:
    """Distinct titles (queries) and sentences of texts, in first-seen order."""
    split = load_split(splits_of(Path(dataset))[0])
    titles = list(dict.fromkeys(text for _, text in split.queries if text))
    texts = [d.text for d in split.docs if d.text]
    sentences = [s.strip() for t in texts for s in _SENTENCE_END.split(t) if len(s.strip()) > 4]
    return titles, list(dict.fromkeys(sentences))


def layout(n: int, n_titles: int, n_sentences: int) -> tuple[npt.NDArray[np.int64], ...]:
    """Title index of each record, and its body sentence indices as (ptr, flat)."""
    rng = np.random.default_rng(SEED)
    titles = rng.integers(0, n_titles, n)
    lengths = rng.integers(2, 5, n)
    ptr = np.concatenate([[0], np.cumsum(lengths)])
    return titles, ptr, rng.integers(0, n_sentences, int(ptr[-1]))


def run_scale(system_name: str, dataset: str, n: int, n_queries: int) -> dict[str, float]:
    analyzer = Analyzer()
    titles, sentences = sentence_pools(dataset)
    record_titles, ptr, flat = layout(n, len(titles), len(sentences))
    texts = [d.text for d in load_split(splits_of(Path(dataset))[0]).docs]
    if system_name == "hicoop":
        metrics, search = _hicoop(analyzer, titles, sentences, record_titles, ptr, flat)
    elif system_name == "bm25s":
        metrics, search = _bm25s(analyzer, titles, sentences, record_titles, ptr, flat)
    else:
        raise ValueError(f"no scale run for {system_name}")
    rng = np.random.default_rng(SEED + 1)
    short = [titles[int(i)] for i in rng.integers(0, len(titles), n_queries)]
    long = [texts[int(i)] for i in rng.integers(0, len(texts), n_queries)]
    metrics.update(_latency(search, short, "query_ms"))
    metrics.update(_latency(search, long, "long_query_ms"))
    metrics["peak_mb"] = peak_mb()
    return metrics


def _latency(search: object, queries: list[str], prefix: str) -> dict[str, float]:
    assert callable(search)
    for text in queries[:5]:
        search(text)
    seconds = []
    for text in queries:
        started = time.perf_counter()
        search(text)
        seconds.append(time.perf_counter() - started)
    return {
        f"{prefix}_p50": percentile_ms(seconds, 50),
        f"{prefix}_p95": percentile_ms(seconds, 95),
    }


def _hicoop(
    analyzer: Analyzer,
    titles: list[str],
    sentences: list[str],
    record_titles: npt.NDArray[np.int64],
    ptr: npt.NDArray[np.int64],
    flat: npt.NDArray[np.int64],
) -> tuple[dict[str, float], object]:
    index = MatchIndex(analyzer)
    weights = index.config.field_weights
    started = time.perf_counter()
    title_terms = [analyzer.weighted_terms(t) for t in titles]
    body_terms = [analyzer.weighted_terms(s) for s in sentences]
    analyze_s = time.perf_counter() - started
    started = time.perf_counter()
    lexical = index.lexical
    pieces = _PieceTable(
        [
            lexical.term_ids({k: v * weights.title for k, v in t.items()}, create=True)
            for t in title_terms
        ]
        + [
            lexical.term_ids({k: v * weights.body for k, v in t.items()}, create=True)
            for t in body_terms
        ]
    )
    records = [Record(f"g{i:07d}") for i in range(len(record_titles))]
    for start in range(0, len(records), CHUNK):
        stop = min(start + CHUNK, len(records))
        docs = pieces.combine(record_titles[start:stop], ptr[start : stop + 1], flat, len(titles))
        index.add_arrays(records[start:stop], docs)
    index.compact()
    index_s = time.perf_counter() - started

    def search(text: str) -> list[str]:
        return [c.record_id for c in top_k(index, Query(text), 10).candidates]

    return {"index_s": index_s, "analyze_s": analyze_s}, search


class _PieceTable:
    """Analysed pieces as one CSR, so records are merged with array operations."""

    def __init__(self, pieces: list[tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]]):
        lengths = np.array([len(ids) for ids, _ in pieces], np.int64)
        self.start = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        self.length = lengths
        self.ids = np.concatenate([ids for ids, _ in pieces]).astype(np.int64)
        self.tfs = np.concatenate([tfs for _, tfs in pieces])

    def combine(
        self,
        record_titles: npt.NDArray[np.int64],
        ptr: npt.NDArray[np.int64],
        flat: npt.NDArray[np.int64],
        n_titles: int,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """Per-record (ptr, unique term ids, summed weights) for a chunk of records."""
        n = len(record_titles)
        body = flat[ptr[0] : ptr[-1]] + n_titles
        owner = np.concatenate([np.arange(n), np.repeat(np.arange(n), np.diff(ptr))])
        piece = np.concatenate([record_titles, body])
        counts = self.length[piece]
        entry = np.repeat(self.start[piece] - np.cumsum(counts) + counts, counts) + np.arange(
            int(counts.sum())
        )
        rec = np.repeat(owner, counts)
        key = rec * (int(self.ids.max()) + 1) + self.ids[entry]
        order = np.argsort(key, kind="stable")
        key, weights = key[order], self.tfs[entry][order]
        first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
        sums = np.add.reduceat(weights, first).astype(np.float32)
        ids = (key[first] % (int(self.ids.max()) + 1)).astype(np.int32)
        doc_ptr = np.concatenate([[0], np.cumsum(np.bincount(rec[order][first], minlength=n))])
        return doc_ptr, ids, sums


def _bm25s(
    analyzer: Analyzer,
    titles: list[str],
    sentences: list[str],
    record_titles: npt.NDArray[np.int64],
    ptr: npt.NDArray[np.int64],
    flat: npt.NDArray[np.int64],
) -> tuple[dict[str, float], object]:
    started = time.perf_counter()
    title_tokens = [list(analyzer.terms(t).elements()) for t in titles]
    body_tokens = [list(analyzer.terms(s).elements()) for s in sentences]
    analyze_s = time.perf_counter() - started
    started = time.perf_counter()
    tokens = []
    for i, title in enumerate(record_titles.tolist()):
        doc = list(title_tokens[title])
        for s in flat[ptr[i] : ptr[i + 1]].tolist():
            doc.extend(body_tokens[s])
        tokens.append(doc)
    system = make_system("bm25s", analyzer)
    assert isinstance(system, Bm25sSystem)
    system.ids = [f"g{i:07d}" for i in range(len(tokens))]
    system.build_tokens(tokens)
    del tokens
    index_s = time.perf_counter() - started
    return {"index_s": index_s, "analyze_s": analyze_s}, lambda text: system.search(text, 10)
