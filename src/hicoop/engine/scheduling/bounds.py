"""An upper bound on how many requests any schedule can place: the LP relaxation of the
placement program (every constraint, x in [0, 1]) solved by HiGHS through scipy, rounded down,
plus the locked meetings. Priorities are ignored: it bounds the count."""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import linprog

from hicoop.engine.scheduling.model import build
from hicoop.engine.scheduling.occupancy import start
from hicoop.engine.scheduling.problem import ScheduleProblem, check


def upper_bound(problem: ScheduleProblem) -> int:
    check(problem)
    program = build(start(problem))
    if not program.size:
        return len(problem.locked)
    result = linprog(
        -np.ones(program.size),
        A_ub=program.matrix,
        b_ub=program.limits,
        bounds=(0, 1),
        method="highs-ipm",
    )
    return len(problem.locked) + math.floor(-result.fun + 1e-6)
