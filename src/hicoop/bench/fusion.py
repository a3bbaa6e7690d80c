"""``hicoop bench fusion DATASET_DIR``: the semantic weight, chosen by nested cross-validation.

For every weight of ``GRID`` the real engine ranks every query (``top_owners`` with
``RankingWeights(semantic=w)`` at owner level, ``top_k`` with ``record_semantic=w`` at doc
level), giving one metric per query and weight
(acc@1 at owner level, nDCG@10 at doc level). Queries are split into 5 folds (the dataset's
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

import numpy as np
import numpy.typing as npt

from hicoop.bench.match import load_split, splits_of
from hicoop.bench.metrics import accuracy_at, ndcg_at
from hicoop.bench.systems import HicoopSystem
from hicoop.bench.vectors import CachedEmbedder, bench_embedder
from hicoop.engine import Analyzer, RankingWeights
from hicoop.engine.ranking import RECORD_SEMANTIC_WEIGHT, SEMANTIC_WEIGHT

GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0)
FOLDS = 5


@dataclass(frozen=True)
class Table:
    """One metric per (weight, query) and each query's fold."""

    grid: tuple[float, ...]
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
    result = nested(metric_table(args.dataset, args.level, embedder))
    shipped = SEMANTIC_WEIGHT if args.level == "owner" else RECORD_SEMANTIC_WEIGHT
    result.update(model=embedder.backend.info.key, level=args.level, shipped=shipped)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0
