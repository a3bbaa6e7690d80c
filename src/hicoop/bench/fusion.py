"""``hicoop bench fusion DATASET_DIR``: the semantic weights, chosen by nested cross-validation.

Doc level: for every weight of ``GRID`` the real engine ranks every query (``top_k`` with
``record_semantic=w``), giving one nDCG@10 per query and weight. Owner level: for every pair
(share, w) of ``SHARES`` × ``GRID`` every query is ranked by the engine's own owner channels
(``owner_lexical``, ``semantic_channels``) combined as ``top_owners`` combines them
(lexical + w · ``mix_semantic(centroid, top records, share)``), giving one acc@1 per query and
pair; the engine itself then ranks every query at the pair chosen on all folds and its acc@1
is printed next to the table's (``engine_check``: they must agree). Queries are split into 5 folds (the dataset's
``fold-*`` at owner level, query order mod 5 at doc level). Outer loop: for each fold, the
weight with the best mean metric on the four other folds is chosen (ties: the smaller weight)
and scored on the held-out fold; the pooled held-out metric is the honest estimate. The weight
chosen on all five folds is the one the engine ships (``ranking.SEMANTIC_WEIGHT``,
``ranking.RECORD_SEMANTIC_WEIGHT``); this command prints both so the constants can be checked.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from hicoop.bench.match import load_split, splits_of
from hicoop.bench.metrics import accuracy_at, ndcg_at
from hicoop.bench.systems import HicoopSystem
from hicoop.bench.vectors import CachedEmbedder, bench_embedder
from hicoop.engine import Analyzer, Filters, Query, RankingWeights
from hicoop.engine.embedding import MAX_QUERY_CHARS, clip
from hicoop.engine.pointwise import mix_semantic, owner_lexical, semantic_channels
from hicoop.engine.ranking import RECORD_SEMANTIC_WEIGHT, SEMANTIC_TOP_SHARE, SEMANTIC_WEIGHT

GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0)
SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
FOLDS = 5


@dataclass(frozen=True)
class Table:
    """One metric per (weight, query) and each query's fold."""

    grid: tuple[Any, ...]
    values: npt.NDArray[np.float64]
    folds: npt.NDArray[np.int64]


def metric_table(
    dataset: Path, level: str, embedder: CachedEmbedder, grid: Sequence[float] = GRID
) -> Table:
    analyzer = Analyzer()
    values: list[list[float]] = []
    folds: list[int] = []
    for fold, directory in enumerate(splits_of(dataset)):
        split = load_split(directory)
        system = HicoopSystem(analyzer, "fusion", embedder)
        system.build(split.docs, level)
        system.prepare([text for _, text in split.queries])
        for n, (qid, text) in enumerate(split.queries):
            row = []
            for weight in grid:
                weights = (
                    RankingWeights(semantic=weight)
                    if level == "owner"
                    else RankingWeights(record_semantic=weight)
                )
                ranked = system.search(text, 10, weights)
                grades = split.qrels.get(qid, {})
                row.append(
                    accuracy_at(ranked, grades, 1) if level == "owner" else ndcg_at(ranked, grades)
                )
            values.append(row)
            folds.append(fold if level == "owner" else n % FOLDS)
    return Table(tuple(grid), np.array(values).T, np.array(folds))


def owner_table(dataset: Path, embedder: CachedEmbedder) -> Table:
    """acc@1 per (share, weight) pair and query, from the engine's owner channels."""
    pairs = tuple((share, w) for share in SHARES for w in GRID)
    values: list[list[float]] = []
    folds: list[int] = []
    for fold, directory in enumerate(splits_of(dataset)):
        split = load_split(directory)
        system = HicoopSystem(Analyzer(), "fusion", embedder)
        system.build(split.docs, "owner")
        system.prepare([text for _, text in split.queries])
        for qid, text in split.queries:
            vector = embedder.embed([clip(text, MAX_QUERY_CHARS)], query=True)[0]
            truth = {o for o, g in split.qrels.get(qid, {}).items() if g > 0}
            values.append(_owner_row(system, text, vector, pairs, truth))
            folds.append(fold)
    return Table(pairs, np.array(values).T, np.array(folds))


def _owner_row(
    system: HicoopSystem,
    text: str,
    vector: npt.NDArray[np.float32],
    pairs: tuple[tuple[float, float], ...],
    truth: set[str],
) -> list[float]:
    lexical = owner_lexical(system.index, Query(text), Filters())
    channels = semantic_channels(system.index, vector)
    empty = np.zeros(0, np.float32)
    names, central, top = channels if channels is not None else ([], empty, empty)
    owners = sorted(set(names) | set(lexical))  # ties go to the first name, as in top_owners
    position = {o: n for n, o in enumerate(owners)}
    base = np.array([lexical.get(o, 0.0) for o in owners], np.float64)
    at = np.array([position[o] for o in names], np.int64)
    hit = np.array([o in truth for o in owners])
    row = []
    for share, weight in pairs:
        scores = base.copy()
        if len(at):
            scores[at] += weight * mix_semantic(central, top, share)
        row.append(float(hit[int(np.argmax(scores))]) if len(owners) else 0.0)
    return row


def engine_check(dataset: Path, embedder: CachedEmbedder, weights: RankingWeights) -> float:
    """Pooled acc@1 of the engine's own ``top_owners`` at ``weights``."""
    hits = []
    for directory in splits_of(dataset):
        split = load_split(directory)
        system = HicoopSystem(Analyzer(), "fusion", embedder)
        system.build(split.docs, "owner")
        for qid, text in split.queries:
            hits.append(accuracy_at(system.search(text, 10, weights), split.qrels.get(qid, {}), 1))
    return float(np.mean(hits))


def choose(table: Table, rows: npt.NDArray[np.bool_]) -> int:
    """Index of the weight with the best mean over ``rows`` (first, i.e. smallest, on ties)."""
    means = table.values[:, rows].mean(axis=1)
    return int(np.flatnonzero(means >= means.max() - 1e-12)[0])


def nested(table: Table) -> dict[str, object]:
    held_out = np.zeros(table.values.shape[1])
    chosen = []
    for fold in sorted(set(table.folds.tolist())):
        test = table.folds == fold
        best = choose(table, ~test)
        chosen.append(table.grid[best])
        held_out[test] = table.values[best, test]
    final = choose(table, np.ones(len(table.folds), bool))
    return {
        "held_out": float(held_out.mean()),
        "chosen_per_fold": chosen,
        "chosen_on_all": table.grid[final],
        "by_weight": {str(w): float(table.values[i].mean()) for i, w in enumerate(table.grid)},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench fusion")
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--level", choices=("doc", "owner"), default="owner")
    parser.add_argument("--model", default="", help="HICOOP_EMBEDDING_MODEL-style backend spec")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    embedder = bench_embedder(args.dataset, args.model)
    if embedder is None:
        print("no embedding backend available: nothing to fuse")
        return 1
    if args.level == "owner":
        result = nested(owner_table(args.dataset, embedder))
        pair: tuple[float, float] = result["chosen_on_all"]  # type: ignore[assignment]
        chosen = RankingWeights(semantic=pair[1], semantic_top=pair[0])
        result["engine_check"] = engine_check(args.dataset, embedder, chosen)
        shipped: object = [SEMANTIC_TOP_SHARE, SEMANTIC_WEIGHT]
    else:
        result = nested(metric_table(args.dataset, args.level, embedder))
        shipped = RECORD_SEMANTIC_WEIGHT
    result.update(model=embedder.backend.info.key, level=args.level, shipped=shipped)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0
