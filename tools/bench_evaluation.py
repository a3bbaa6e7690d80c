"""Time the evaluation engine: scoring and allocation for 11, 100 and 1,000 localities.

    .venv/bin/python tools/bench_evaluation.py

Twelve indicators, 5 % missing (renormalised), a 20 000 万元 pot with floors and caps; every
allocation is checked to sum to the pot to the fen. Random data from a fixed seed.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal as D

from hicoop.engine.allocation import AllocationFormula, allocate
from hicoop.engine.evaluation_scoring import (
    Observation,
    ScoringFormula,
    WeightedIndicator,
    score_localities,
)

ON = dt.date(2026, 1, 1)
POT = D(20000)
FEN = D("0.000001")


def main() -> None:
    rng = random.Random(7)
    codes = [f"i{k}" for k in range(12)]
    weights = [D("0.08")] * 11
    weights.append(D(1) - sum(weights))
    formula = ScoringFormula(
        "bench",
        ON,
        tuple(WeightedIndicator(c, w) for c, w in zip(codes, weights, strict=True)),
        missing="renormalise",
    )
    for n in (11, 100, 1000):
        localities = [f"L{i:04d}" for i in range(n)]
        observations = [
            Observation(loc, c, None if rng.random() < 0.05 else D(rng.randint(0, 2000)), D(1000))
            for loc in localities
            for c in codes
        ]
        started = time.perf_counter()
        scores = {s.locality: s.score for s in score_localities(formula, localities, observations)}
        scoring = time.perf_counter() - started
        allocation = AllocationFormula(
            "bench",
            ON,
            floor_wan=(POT / n / 4).quantize(FEN),
            cap_wan=(POT / n * 3).quantize(FEN),
        )
        started = time.perf_counter()
        result = allocate(allocation, POT, scores)
        allocating = time.perf_counter() - started
        assert result.total_fen == int(POT * 1_000_000)
        print(f"n={n}: scoring {scoring * 1000:.1f} ms, allocation {allocating * 1000:.1f} ms")


if __name__ == "__main__":
    main()
