"""``hicoop bench semantic``: the cost of the semantic channel.

- ``throughput``: records embedded per second on one core (``OMP_NUM_THREADS=1`` in a fresh
  process), over the CSL abstracts as the app embeds records (title, keywords, body, clipped).
- ``latency``: a 点对点-style owner query end to end — embedding the query text (not cached)
  plus ``top_owners`` with the semantic channel — over the owner-level dev fold 0, p50 / p95.
- ``memory``: bytes per 100,000 vectors, computed and measured (resident size before/after).
- ``search``: exact (numpy) against ANN (usearch HNSW) top-10 at ``--sizes`` vectors, recall@10
  of ANN against exact and ms per query. The vectors are generated from the real dev
  embeddings (each a noisy mix of two real passage vectors, so the clusters of real text are
  kept); the queries are real title embeddings.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hicoop.bench.match import load_split, splits_of
from hicoop.bench.metrics import percentile_ms
from hicoop.bench.vectors import bench_embedder
from hicoop.engine import Analyzer, Query, top_owners
from hicoop.engine.embedding import MAX_QUERY_CHARS, ModelInfo, clip, passage_text, unit_rows
from hicoop.engine.semantic import ANN, AnnSettings, VectorStore

SEED = 20201202
TIE_DEPTH = 50
TIE_EPSILON = 0.002


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def throughput(dataset: str, model: str, n: int) -> dict[str, float]:
    """Runs in a child whose OpenMP has one thread."""
    from hicoop.engine.embedding import load_backend

    backend = load_backend(model).backend
    if backend is None:
        raise RuntimeError("no embedding backend available")
    docs = load_split(splits_of(Path(dataset))[0]).docs[:n]
    texts = [passage_text(d.title, d.keywords, d.text) for d in docs]
    backend.embed(texts[:2], query=False)
    started = time.perf_counter()
    backend.embed(texts, query=False)
    seconds = time.perf_counter() - started
    return {
        "records": len(texts),
        "seconds": seconds,
        "records_per_s_per_core": len(texts) / seconds,
    }


def _child_throughput(queue: Any, args: tuple[Any, ...]) -> None:
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        queue.put(("ok", throughput(*args)))
    except Exception as error:  # reported by the parent
        queue.put(("error", f"{type(error).__name__}: {error}"))


def latency(dataset: str, model: str, queries: int) -> dict[str, float]:
    from hicoop.bench.systems import HicoopSystem

    embedder = bench_embedder(Path(dataset), model)
    if embedder is None:
        raise RuntimeError("no embedding backend available")
    split = load_split(splits_of(Path(dataset))[0])
    system = HicoopSystem(Analyzer(), "fusion", embedder)
    system.build(split.docs, "owner")
    backend, index = embedder.backend, system.index
    texts = [text for _, text in split.queries][: queries + 5]
    embed_s, total_s = [], []
    for n, text in enumerate(texts):
        started = time.perf_counter()
        vector = backend.embed([clip(text, MAX_QUERY_CHARS)], query=True)[0]
        embedded = time.perf_counter()
        top_owners(index, Query(text), 10, query_vector=vector)
        if n >= 5:
            embed_s.append(embedded - started)
            total_s.append(time.perf_counter() - started)
    return {
        "embed_ms_p50": percentile_ms(embed_s, 50),
        "embed_ms_p95": percentile_ms(embed_s, 95),
        "query_ms_p50": percentile_ms(total_s, 50),
        "query_ms_p95": percentile_ms(total_s, 95),
        "queries": float(len(total_s)),
    }


def synthetic(base: npt.NDArray[np.float32], n: int, seed: int = SEED) -> npt.NDArray[np.float32]:
    """``n`` unit vectors, each a noisy mix of two real ones (built in chunks)."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        a, b = rng.integers(0, len(base), m), rng.integers(0, len(base), m)
        mix = np.asarray(rng.uniform(0.6, 1.0, (m, 1)), np.float32)
        rows = mix * base[a] + (1 - mix) * base[b]
        rows += np.asarray(rng.normal(0, 0.02, rows.shape), np.float32)
        out[start : start + m] = unit_rows(rows)
    return out


def search(
    dataset: str,
    model: str,
    size: int,
    queries: int,
    ann: AnnSettings,
    efs: tuple[int, ...],
    keep: str = "",
) -> dict[str, Any]:
    base, probes = _real_vectors(dataset, model, queries)
    info = ModelInfo("bench", "synthetic", base.shape[1])
    before = _rss_mb()
    store = VectorStore(info, ann)
    store.set_many([f"v{i:07d}" for i in range(size)], synthetic(base, size))
    stored_mb = _rss_mb() - before
    exact, exact_s = _timed(lambda q: store._exact(q, TIE_DEPTH), probes)
    load = os.getloadavg()
    index, build_s, reused = _built_index(store, ann, size, Path(keep) if keep else None)
    curve = {}
    for ef in efs or (ann.expansion_search,):
        index.expansion_search = ef
        ann_found, ann_s = _timed(lambda q: store._ann_search(q, 10) or [], probes)
        curve[str(ef)] = {
            "recall@10": _recall(ann_found, exact),
            f"recall@10_ties_{TIE_EPSILON}": _tie_recall(ann_found, exact),
            "ms_p50": percentile_ms(ann_s, 50),
            "ms_p95": percentile_ms(ann_s, 95),
        }
    return {
        "vectors": float(size),
        "stored_mb": stored_mb,
        "mb_per_100k_computed": size and base.shape[1] * 4 * 100_000 / 2**20,
        "exact_ms_p50": percentile_ms(exact_s, 50),
        "exact_ms_p95": percentile_ms(exact_s, 95),
        "exact_spread": _spread(exact),
        "ann": asdict(ann),
        "ann_build_s": build_s,
        "ann_index_reused": reused,
        "ann_by_expansion_search": curve,
        "load_average_at_build": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }


def _built_index(
    store: VectorStore, ann: AnnSettings, size: int, keep: Path | None
) -> tuple[Any, float, bool]:
    """The store's HNSW index, built now or (with ``keep``) loaded from an earlier build of the
    same vectors and settings; the build's seconds are kept beside it."""
    name = f"ann-{size}-M{ann.connectivity}-a{ann.expansion_add}-{ann.dtype}-s{SEED}"
    path = keep / f"{name}.usearch" if keep else None
    if path is not None and path.exists():
        from usearch.index import Index

        restored = Index.restore(str(path))
        if restored is None:
            raise RuntimeError(f"cannot read {path}")
        store._ann = (store.version, restored)
        seconds = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["build_s"]
        return restored, float(seconds), True
    started = time.perf_counter()
    index: Any = store._ann_index()
    seconds = time.perf_counter() - started
    if index is None:
        raise RuntimeError("usearch is not installed")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        index.save(str(path))
        path.with_suffix(".json").write_text(json.dumps({"build_s": seconds}), encoding="utf-8")
    return index, seconds, False


def _real_vectors(
    dataset: str, model: str, queries: int
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Fold 0's passage vectors (the base of the generated ones) and query vectors."""
    embedder = bench_embedder(Path(dataset), model)
    if embedder is None:
        raise RuntimeError("no embedding backend available")
    split = load_split(splits_of(Path(dataset))[0])
    base = embedder.embed(
        [passage_text(d.title, d.keywords, d.text) for d in split.docs], query=False
    )
    probes = embedder.embed(
        [clip(t, MAX_QUERY_CHARS) for _, t in split.queries[:queries]], query=True
    )
    return base, probes


def _recall(found: list[Any], exact: list[Any]) -> float:
    return float(
        np.mean(
            [
                len({i for i, _ in a} & {i for i, _ in e[:10]}) / 10
                for a, e in zip(found, exact, strict=True)
            ]
        )
    )


def _tie_recall(found: list[Any], exact: list[Any]) -> float:
    """Share of the ANN's ten hits whose (exact) cosine is within ``TIE_EPSILON`` of the true
    tenth best: a neighbour as close as the tenth, up to a near-tie, counts as found."""
    return float(
        np.mean(
            [
                sum(c >= e[min(9, len(e) - 1)][1] - TIE_EPSILON for _, c in a) / 10
                for a, e in zip(found, exact, strict=True)
            ]
        )
    )


def _spread(exact: list[Any]) -> dict[str, float]:
    """How close the exact neighbours are: median cosine of the 1st, 10th and 50th."""
    return {
        f"cosine_{rank + 1}_p50": float(np.median([e[rank][1] for e in exact if len(e) > rank]))
        for rank in (0, 9, TIE_DEPTH - 1)
    }


def _timed(function: Any, probes: npt.NDArray[np.float32]) -> tuple[list[Any], list[float]]:
    results, seconds = [], []
    for q in probes:
        started = time.perf_counter()
        results.append(function(q))
        seconds.append(time.perf_counter() - started)
    return results, seconds


def _child(queue: Any, target: str, args: tuple[Any, ...]) -> None:
    try:
        queue.put(("ok", latency(*args) if target == "latency" else search(*args)))
    except Exception as error:  # reported by the parent
        queue.put(("error", f"{type(error).__name__}: {error}"))


def _spawn(target: Any, args: tuple[Any, ...]) -> dict[str, float] | str:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(queue, *args))
    process.start()
    status, payload = queue.get()
    process.join()
    return payload if status == "ok" else str(payload)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench semantic")
    parser.add_argument("--dataset", type=Path, default=Path("var/bench/csl-owner"))
    parser.add_argument("--model", default="")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["throughput", "latency", "search"]
    )
    parser.add_argument("--connectivity", type=int, default=ANN.connectivity)
    parser.add_argument("--expansion-add", type=int, default=ANN.expansion_add)
    parser.add_argument("--dtype", choices=("f32", "f16", "i8"), default=ANN.dtype)
    parser.add_argument("--threads", type=int, default=ANN.threads, help="build threads (0: all)")
    parser.add_argument(
        "--ef", type=int, nargs="*", default=[], help="expansion_search values to measure"
    )
    parser.add_argument(
        "--keep-index",
        default="",
        help="directory where built ANN indexes are saved and reused (same size and settings)",
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    ann = AnnSettings(
        args.connectivity, args.expansion_add, ANN.expansion_search, args.dtype, args.threads
    )
    data, results = str(args.dataset), {}
    if "throughput" not in args.skip:
        results["throughput"] = _spawn(_child_throughput, ((data, args.model, args.records),))
    if "latency" not in args.skip:
        results["latency"] = _spawn(_child, ("latency", (data, args.model, args.queries)))
    if "search" not in args.skip:
        for size in args.sizes:
            results[f"search@{size}"] = _spawn(
                _child,
                (
                    "search",
                    (data, args.model, size, args.queries, ann, tuple(args.ef), args.keep_index),
                ),
            )
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0
