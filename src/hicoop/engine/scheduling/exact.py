"""The exact schedule: mixed-integer programs solved by HiGHS (scipy.optimize.milp), one per
priority level, highest first — each level places as many of its requests as it can while every
higher level keeps what it placed (backed requests first, lexicographically). Then the greedy
pass places anything that still fits, and a local search moves meetings between free slots to
close idle gaps.

``Effort.seconds`` limits each level's solve (HiGHS's own limit: the engine reads no clock).
A level that ends on the limit keeps the best schedule found and the run is marked not proven
optimal; one that finishes is optimal for its level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from hicoop.engine.scheduling.gaps import close_gaps
from hicoop.engine.scheduling.greedy import fill, finish, queue
from hicoop.engine.scheduling.model import Program, build
from hicoop.engine.scheduling.occupancy import start
from hicoop.engine.scheduling.problem import Schedule, ScheduleProblem, check

OPTIMAL = 0


@dataclass(frozen=True)
class Effort:
    """Seconds HiGHS may spend on each priority level; passes of the gap-closing search."""

    seconds: float = 12.0
    gap_passes: int = 4


def solve_exact(problem: ScheduleProblem, effort: Effort | None = None) -> Schedule:
    check(problem)
    effort = effort or Effort()
    program = build(start(problem))
    chosen, optimal = _levels(program, effort) if program.size else (np.zeros(0, bool), True)
    state = start(problem)
    for j in np.flatnonzero(chosen):
        state.place(program.requests[j], program.slots[j])
    before = len(state.slot_of)
    fill(state, queue(problem))
    close_gaps(state, effort.gap_passes)
    notes = () if len(state.slot_of) == before else ("filled after the solver",)
    return finish(state, "milp", optimal and len(state.slot_of) == before, notes)


def _levels(program: Program, effort: Effort) -> tuple[np.ndarray, bool]:
    priority = np.array([r.priority for r in program.requests])
    rows, lower, upper = [program.matrix], [np.full(len(program.limits), -np.inf)], [program.limits]
    chosen = np.zeros(program.size, bool)
    optimal = True
    for level in sorted(set(priority.tolist()), reverse=True):
        gain = (priority == level).astype(float)
        result = milp(
            -gain,
            constraints=LinearConstraint(
                sp.vstack(rows), np.concatenate(lower), np.concatenate(upper)
            ),
            integrality=np.ones(program.size),
            bounds=Bounds(0, 1),
            options={"time_limit": effort.seconds, "disp": False},
        )
        if result.x is None:  # no schedule found in time: keep the higher levels' one
            return chosen, False
        chosen = result.x > 0.5
        optimal = optimal and result.status == OPTIMAL
        rows.append(sp.csr_matrix(gain))
        lower.append(np.array([float(gain[chosen].sum())]))
        upper.append(np.array([np.inf]))
    return chosen, optimal
