"""``python -m hicoop.bench.modes``: speed of 一对一 assignment and 多对一 coalitions.

Random but seeded instances: D demands with C candidate partners each (uniform over P partners,
fit uniform in (0, 1), capacity uniform in 1..3); coalitions over N candidates × R requirements
with 30 % non-zero qualities and K = 2..6 members.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from hicoop.engine import (
    AssignmentProblem,
    CoalitionProblem,
    assign,
    greedy_assign,
    greedy_coalition,
    solve_coalition,
)

SEED = 20201202


def assignment_figures(demands: int, partners: int, candidates: int) -> dict[str, float]:
    rng = np.random.default_rng(SEED)
    problem = AssignmentProblem(
        np.repeat(np.arange(demands, dtype=np.int64), candidates),
        rng.integers(0, partners, demands * candidates),
        rng.random(demands * candidates) + 1e-9,
        rng.integers(1, 4, partners),
        demands,
    )
    started = time.perf_counter()
    best = assign(problem)
    assign_s = time.perf_counter() - started
    greedy = greedy_assign(problem)
    return {
        "assign_s": assign_s,
        "assigned": float((best.partner_of >= 0).sum()),
        "total_fit": best.total_fit,
        "greedy_total_fit": greedy.total_fit,
    }


def coalition_figures(candidates: int, requirements: int, runs: int) -> dict[str, float]:
    rng = np.random.default_rng(SEED)
    seconds, gaps = [], []
    solve_coalition(  # warm the per-R subset table cache outside the timings
        CoalitionProblem(
            ("p",),
            tuple(map(str, range(requirements))),
            np.ones((1, requirements)),
            (1.0,) * requirements,
            1,
        )
    )
    for run in range(runs):
        quality = rng.random((candidates, requirements)) * (
            rng.random((candidates, requirements)) < 0.3
        )
        problem = CoalitionProblem(
            tuple(f"p{i}" for i in range(candidates)),
            tuple(f"r{j}" for j in range(requirements)),
            quality,
            tuple(float(w) for w in rng.random(requirements) + 0.5),
            2 + run % 5,
        )
        started = time.perf_counter()
        best = solve_coalition(problem)
        seconds.append(time.perf_counter() - started)
        gaps.append(greedy_coalition(problem).value / best.value if best.value else 1.0)
    ms = np.asarray(seconds) * 1000
    return {
        "coalition_ms_p50": float(np.percentile(ms, 50)),
        "coalition_ms_max": float(ms.max()),
        "greedy_over_optimal_min": float(min(gaps)),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench modes")
    parser.add_argument("--demands", type=int, default=100_000)
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--coalition-candidates", type=int, default=200)
    parser.add_argument("--requirements", type=int, default=12)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    figures = assignment_figures(args.demands, args.partners, args.candidates)
    figures.update(coalition_figures(args.coalition_candidates, args.requirements, args.runs))
    for name, value in figures.items():
        print(f"{name:>24} {value:.4f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
