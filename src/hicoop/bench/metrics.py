"""Ranking metrics of the match benchmark (pure functions, hand-checkable)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with exponential gain 2^grade − 1 and log2(rank + 1) discount."""
    dcg = sum((2 ** grades.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    relevant = {doc for doc, grade in grades.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """1 / rank of the first relevant item within the top k (MRR@k per query)."""
    for i, doc in enumerate(ranked[:k]):
        if grades.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def accuracy_at(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """1 when a relevant item is among the top k, else 0."""
    return float(any(grades.get(doc, 0) > 0 for doc in ranked[:k]))


def percentile_ms(seconds: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(seconds) * 1000.0, q)) if seconds else 0.0


def quality(
    runs: Mapping[str, Sequence[str]], qrels: Mapping[str, Mapping[str, int]], level: str
) -> dict[str, float]:
    """Mean metrics over the queries that have qrels."""
    qids = [qid for qid in runs if qid in qrels]
    if not qids:
        return {}
    if level == "owner":
        metrics = {
            "acc@1": [accuracy_at(runs[q], qrels[q], 1) for q in qids],
            "acc@5": [accuracy_at(runs[q], qrels[q], 5) for q in qids],
            "mrr": [reciprocal_rank(runs[q], qrels[q]) for q in qids],
        }
    else:
        metrics = {
            "ndcg@10": [ndcg_at(runs[q], qrels[q]) for q in qids],
            "recall@10": [recall_at(runs[q], qrels[q]) for q in qids],
            "mrr": [reciprocal_rank(runs[q], qrels[q]) for q in qids],
        }
    return {name: float(np.mean(values)) for name, values in metrics.items()}
