"""``hicoop bench match DATASET_DIR``: quality and speed of hicoop against PyPI peers.

DATASET_DIR holds ``corpus.jsonl`` ({docid, text, title?, keywords?, owner?}),
``queries.jsonl`` ({qid, text}) and ``qrels.tsv`` (header, then qid, id, grade), or ``fold-*``
subdirectories with those files (metrics then pool the queries of all folds; build time is the
mean over folds). Other fields are ignored.

Each system runs in its own spawned process, so its peak memory (``ru_maxrss`` of that process,
which includes the interpreter, libraries and the loaded dataset) is not polluted by the others.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hicoop.bench.metrics import percentile_ms, quality
from hicoop.bench.systems import PEERS, Doc, HicoopSystem, make_system
from hicoop.bench.vectors import bench_embedder
from hicoop.engine import Analyzer

METRIC_ORDER = (
    "ndcg@10",
    "recall@10",
    "mrr",
    "acc@1",
    "acc@5",
    "index_s",
    "query_ms_p50",
    "query_ms_p95",
    "long_query_ms_p50",
    "long_query_ms_p95",
    "analyze_s",
    "peak_mb",
)


@dataclass(frozen=True)
class Split:
    docs: tuple[Doc, ...]
    queries: tuple[tuple[str, str], ...]
    qrels: dict[str, dict[str, int]]


def load_split(directory: Path) -> Split:
    docs = []
    with (directory / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                docs.append(_doc(row))
    with (directory / "queries.jsonl").open(encoding="utf-8") as handle:
        queries = tuple((r["qid"], r["text"]) for r in map(json.loads, handle) if r)
    return Split(tuple(docs), queries, load_qrels(directory / "qrels.tsv"))


def _doc(row: dict[str, Any]) -> Doc:
    return Doc(
        str(row["docid"]),
        row.get("text") or "",
        row.get("title") or "",
        tuple(row.get("keywords") or ()),
        str(row.get("owner") or ""),
    )


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            qid, target, grade = line.split("\t")[:3]
            qrels.setdefault(qid, {})[target] = int(grade)
    return qrels


def splits_of(dataset: Path) -> list[Path]:
    folds = sorted(p for p in dataset.glob("fold-*") if p.is_dir())
    return folds or [dataset]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


SEMANTIC_SYSTEMS = ("hicoop", "hicoop_semantic")


def run_quality(system_name: str, dataset: str, level: str, model: str = "") -> dict[str, float]:
    """Build and query one system on every split; runs inside a child process. Embeddings
    come from the on-disk cache (``hicoop.bench.vectors``): embedding cost is measured by
    ``hicoop bench semantic``, not here."""
    analyzer = Analyzer()
    embedder = bench_embedder(Path(dataset), model) if system_name in SEMANTIC_SYSTEMS else None
    if system_name == "hicoop_semantic" and embedder is None:
        raise RuntimeError("no embedding backend available")
    runs: dict[str, list[str]] = {}
    qrels: dict[str, dict[str, int]] = {}
    build_s: list[float] = []
    latencies: list[float] = []
    for directory in splits_of(Path(dataset)):
        split = load_split(directory)
        system = make_system(system_name, analyzer, embedder)
        started = time.perf_counter()
        system.build(split.docs, level)
        build_s.append(time.perf_counter() - started)
        if isinstance(system, HicoopSystem):
            system.prepare([text for _, text in split.queries])
        for qid, text in split.queries:
            started = time.perf_counter()
            runs[qid] = system.search(text, 10)
            latencies.append(time.perf_counter() - started)
        qrels.update(split.qrels)
    metrics = quality(runs, qrels, level)
    if embedder is not None:
        metrics["embedded"] = float(embedder.embedded)
    metrics.update(
        index_s=sum(build_s) / len(build_s),
        query_ms_p50=percentile_ms(latencies, 50),
        query_ms_p95=percentile_ms(latencies, 95),
        peak_mb=peak_mb(),
    )
    return metrics


def _child(queue: Any, target: str, args: tuple[Any, ...]) -> None:
    from hicoop.bench import scale

    function = run_quality if target == "quality" else scale.run_scale
    try:
        queue.put(("ok", function(*args)))
    except Exception as error:  # reported to the parent, which prints it
        queue.put(("error", f"{type(error).__name__}: {error}"))


def in_child(target: str, args: tuple[Any, ...]) -> dict[str, float] | str:
    """Run one measurement in a fresh spawned interpreter."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, target, args))
    process.start()
    status, payload = queue.get()
    process.join()
    return payload if status == "ok" else str(payload)


def available(name: str) -> bool:
    module = {"bm25s": "bm25s", "rank_bm25": "rank_bm25"}.get(name)
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def format_table(results: dict[str, dict[str, float]]) -> str:
    metrics = [m for m in METRIC_ORDER if any(m in r for r in results.values())]
    width = max([len(s) for s in results] + [8])
    lines = [" ".join([f"{'system':<{width}}", *(f"{m:>17}" for m in metrics)])]
    for system, values in results.items():
        cells = [f"{values[m]:>17.4f}" if m in values else f"{'-':>17}" for m in metrics]
        lines.append(" ".join([f"{system:<{width}}", *cells]))
    return "\n".join(lines)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hicoop bench match")
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--level", choices=("doc", "owner"), default="doc")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--scale", type=int, default=0, help="records of the generated corpus")
    parser.add_argument("--systems", nargs="+", default=None)
    parser.add_argument("--scale-queries", type=int, default=200)
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument(
        "--model", default="", help="embedding backend: '' bundled, 'off', or a model directory"
    )
    return parser.parse_args(list(argv))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    default = [
        "hicoop",
        "hicoop_lexical",
        "hicoop_semantic",
        *(["hicoop_profile", "hicoop_records"] if args.level == "owner" else []),
        *PEERS,
    ]
    # Left out before running (not failures): peers whose library is missing, and the
    # semantic-only system when the embedding backend is switched off.
    systems = [
        s
        for s in (args.systems or default)
        if available(s) and not (s == "hicoop_semantic" and args.model == "off")
    ]
    results: dict[str, dict[str, float]] = {}
    errors: dict[str, str] = {}
    for system in systems:
        jobs: list[tuple[str, str, tuple[Any, ...]]] = (
            []
            if args.skip_quality
            else [("quality", system, (system, str(args.dataset), args.level, args.model))]
        )
        if args.scale:
            jobs.append(
                (
                    "scale",
                    f"{system}@{args.scale}",
                    (system, str(args.dataset), args.scale, args.scale_queries),
                )
            )
        for target, key, job_args in jobs:
            outcome = in_child(target, job_args)
            if isinstance(outcome, str):
                errors[key] = outcome
            else:
                results[key] = outcome
    print(format_table(results))
    report_failures(errors)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")
    return 1 if errors else 0


def report_failures(errors: dict[str, str]) -> None:
    """A system that raised is a failure (the command then exits 1), never "skipped"; systems
    whose library is not installed are left out before running and are not failures."""
    for key, message in errors.items():
        print(f"{key}: FAILED ({message})", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
