"""``hicoop bench schedule``: the 1:1 matchmaking scheduler against its greedy baseline and the
LP upper bound, on a seeded conference of the promotion meeting's shape.

The instance (defaults: 500 delegates, 3,000 accepted requests, 24 slots × 60 tables, caps 8):
two days of twelve half-hour slots; 60 % of delegates stay both days, 20 % only the first,
20 % only the second, and each misses 0–3 further slots for other sessions; who is asked
follows a skewed popularity (weight 1/(rank+10)^0.8, as sought-after demand units and research
institutes draw most requests); each delegate takes 3–8 meetings at most. Every request is equal
in the main instance; the ``with_priorities`` block repeats the run with 40 % of requests backed
by a match run or an open demand (priority 1, placed first). Placed share = placed / accepted
requests; the upper bound is the LP relaxation's (it ignores priorities).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hicoop.engine.scheduling import (
    Delegate,
    Effort,
    Request,
    Schedule,
    ScheduleProblem,
    solve_exact,
    solve_greedy,
    upper_bound,
)

SEED = 20201202


@dataclass(frozen=True)
class Shape:
    delegates: int = 500
    requests: int = 3000
    slots: int = 24
    tables: int = 60
    cap: int = 8
    min_cap: int = 3
    backed_share: float = 0.0


def _window(rng: random.Random, slots: int) -> set[int]:
    """Half-days attended (1–4 of 4, most delegates come for one or two), less a slot or so."""
    block = max(1, slots // 4)
    halves = rng.sample(range(4), k=rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0])
    window = {h * block + i for h in halves for i in range(block) if h * block + i < slots}
    for slot in rng.sample(sorted(window), k=min(len(window) - 1, rng.randint(0, 1))):
        window.discard(slot)
    return window


def make_problem(shape: Shape, seed: int = SEED) -> ScheduleProblem:
    rng = random.Random(seed)
    delegates = tuple(
        Delegate(i, frozenset(_window(rng, shape.slots)), rng.randint(shape.min_cap, shape.cap))
        for i in range(shape.delegates)
    )
    popularity = [1 / (rank + 10) ** 0.8 for rank in range(shape.delegates)]
    order = list(range(shape.delegates))
    rng.shuffle(order)
    pairs: set[tuple[int, int]] = set()
    requests: list[Request] = []
    while len(requests) < shape.requests:
        a = rng.randrange(shape.delegates)
        b = order[rng.choices(range(shape.delegates), weights=popularity)[0]]
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        priority = 1 if rng.random() < shape.backed_share else 0
        requests.append(Request(len(requests) + 1, a, b, priority))
    return ScheduleProblem(
        tables=(shape.tables,) * shape.slots, delegates=delegates, requests=tuple(requests)
    )


def _figures(schedule: Schedule, total: int, seconds: float) -> dict[str, Any]:
    return {
        "placed": schedule.placed,
        "placed_share": round(schedule.placed / total, 4) if total else 0.0,
        "seconds": round(seconds, 2),
        "gaps": schedule.gaps,
        "optimal": schedule.optimal,
    }


def compare(shape: Shape, effort: Effort, seed: int = SEED) -> dict[str, Any]:
    problem = make_problem(shape, seed)
    total = len(problem.requests)
    started = time.perf_counter()
    greedy = solve_greedy(problem)
    greedy_s = time.perf_counter() - started
    started = time.perf_counter()
    exact = solve_exact(problem, effort)
    exact_s = time.perf_counter() - started
    bound = upper_bound(problem)
    return {
        "hicoop": _figures(exact, total, exact_s),
        "greedy": _figures(greedy, total, greedy_s),
        "upper_bound": round(bound / total, 4) if total else 0.0,
        "upper_bound_placed": bound,
        "instance": {**shape.__dict__, "seed": seed},
    }


def run(shape: Shape, effort: Effort, seed: int = SEED) -> dict[str, Any]:
    figures = compare(shape, effort, seed)
    figures["with_priorities"] = compare(replace(shape, backed_share=0.4), effort, seed)
    figures["effort"] = effort.__dict__
    figures["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench schedule", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--delegates", type=int, default=Shape.delegates)
    parser.add_argument("--requests", type=int, default=Shape.requests)
    parser.add_argument("--slots", type=int, default=Shape.slots)
    parser.add_argument("--tables", type=int, default=Shape.tables)
    parser.add_argument("--cap", type=int, default=Shape.cap)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--seconds", type=float, default=Effort.seconds, help="HiGHS limit per level"
    )
    args = parser.parse_args(argv)
    shape = Shape(args.delegates, args.requests, args.slots, args.tables, args.cap)
    effort = Effort(seconds=args.seconds)
    figures = run(shape, effort, args.seed)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0
