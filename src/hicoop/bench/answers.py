"""``hicoop bench answers DATASET_DIR``: does ranking improve as partners' answers accumulate?

Simulation on the owner-level dev folds (titles → 67 partners). For each query of a fold, the
fold's own index (whose evidence never holds the query's paper) ranks partners with the
shipped weights; the demand owner sends an interest to the top ``--contacted`` partners; a
simulated partner accepts when it is the query's true partner and declines otherwise. Each
answer is a training pair (the candidate's stored feature values, accepted or not), exactly
as the app records them.

Outer loop over folds: the answers of the *other* folds' queries are taken in a fixed shuffled
order; after the first N answers (``--steps``) the weights are refitted
(``engine.learning.fit_weights``; fewer than ``MIN_PAIRS`` keeps the shipped weights) and the
held-out fold is ranked with them. acc@1 is pooled over the five held-out folds.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from hicoop.bench.match import load_split, splits_of
from hicoop.bench.systems import HicoopSystem
from hicoop.bench.vectors import bench_embedder
from hicoop.engine import Analyzer, Query, RankingWeights, top_owners
from hicoop.engine.embedding import MAX_QUERY_CHARS, clip
from hicoop.engine.learning import TrainingPair, fit_weights

STEPS = (0, 30, 60, 120, 240, 480, 960, 2000)
SEED = 20201202


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench answers")
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--model", default="", help="embedding backend ('off': lexical only)")
    parser.add_argument("--contacted", type=int, default=3)
    parser.add_argument(
        "--start-semantic",
        type=float,
        default=None,
        help="partner semantic weight the simulated runs start from (default: the shipped one)",
    )
    parser.add_argument("--steps", type=int, nargs="*", default=list(STEPS))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    embedder = bench_embedder(args.dataset, args.model)
    analyzer = Analyzer()
    folds = []
    for directory in splits_of(args.dataset):
        split = load_split(directory)
        system = HicoopSystem(analyzer, "fusion", embedder)
        system.build(split.docs, "owner")
        system.prepare([t for _, t in split.queries])
        folds.append((split, system))
    start = RankingWeights()
    if args.start_semantic is not None:
        start = replace(start, semantic=args.start_semantic)
    answers = [_answers(split, system, args.contacted, start) for split, system in folds]
    curve = {}
    for n in args.steps:
        hits = []
        for f, (split, system) in enumerate(folds):
            pool = [p for g, fold_answers in enumerate(answers) if g != f for p in fold_answers]
            order = np.random.default_rng(SEED + f).permutation(len(pool))
            fitted = fit_weights([pool[i] for i in order[:n]], start)
            weights = fitted.weights if fitted else start
            hits += [_hit(system, split.qrels[q], t, weights) for q, t in split.queries]
        curve[str(n)] = {"acc@1": float(np.mean(hits)), "weights_of_last_fold": asdict(weights)}
        print(n, round(float(np.mean(hits)), 4), weights, flush=True)
    result = {
        "model": embedder.backend.info.key if embedder else None,
        "start": asdict(start),
        "curve": curve,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


def _vector(system: HicoopSystem, text: str) -> np.ndarray | None:
    if system.embedder is None:
        return None
    return system.embedder.embed([clip(text, MAX_QUERY_CHARS)], query=True)[0]


def _answers(
    split: object, system: HicoopSystem, contacted: int, weights: RankingWeights
) -> list[TrainingPair]:
    pairs = []
    for qid, text in split.queries:  # type: ignore[attr-defined]
        gold = split.qrels.get(qid, {})  # type: ignore[attr-defined]
        vector = _vector(system, text)
        found = top_owners(
            system.index, Query(text), contacted, weights=weights, query_vector=vector
        )
        pairs += [TrainingPair(c.features, gold.get(c.owner, 0) > 0) for c in found.candidates]
    return pairs


def _hit(system: HicoopSystem, gold: dict[str, int], text: str, weights: RankingWeights) -> float:
    found = top_owners(
        system.index, Query(text), 1, weights=weights, query_vector=_vector(system, text)
    )
    return float(bool(found.candidates) and gold.get(found.candidates[0].owner, 0) > 0)
