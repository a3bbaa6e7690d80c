"""The exact schedule: mixed-integer programs solved by HiGHS (scipy.optimize.milp), one per
priority level, highest first — each level places as many of its requests as it can while every
higher level keeps what it placed (backed requests first, lexicographically). Then the greedy
pass places anything that still fits, and a local search moves meetings between free slots to
close idle gaps.

``Effort.seconds`` is HiGHS's time for all levels together, split evenly (HiGHS's own limit:
the engine reads no clock). Each level also rounds its LP relaxation (whole placements first,
then by LP value) and keeps whichever of the two places more; a level whose MILP ends on the
limit marks the run not proven optimal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

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


def _score(program: Program, chosen: np.ndarray, levels: list[int]) -> tuple[int, ...]:
    """Placed requests per priority level, highest first: schedules compare by this."""
    priority = np.array([r.priority for r in program.requests])
    return tuple(int((chosen & (priority == level)).sum()) for level in levels)


def _rounded(program: Program, values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """A schedule from an LP solution: the higher levels' placements ``keep``, then the LP's
    whole placements, then the rest by LP value (then request order) wherever they still fit."""
    order = np.lexsort((np.arange(program.size), -np.round(values, 6), ~keep))
    chosen = np.zeros(program.size, bool)
    used = np.zeros(len(program.limits))
    matrix = program.matrix.tocsc()
    for j in order:
        if values[j] <= 1e-6 and not keep[j]:
            break
        rows = matrix.indices[matrix.indptr[j] : matrix.indptr[j + 1]]
        if np.all(used[rows] + 1 <= program.limits[rows] + 1e-9):
            used[rows] += 1
            chosen[j] = True
    return chosen


def _levels(program: Program, effort: Effort) -> tuple[np.ndarray, bool]:
    """Level by level, the better of HiGHS's MILP (within its time) and the rounded LP."""
    priority = np.array([r.priority for r in program.requests])
    levels = sorted(set(priority.tolist()), reverse=True)
    rows, lower, upper = [program.matrix], [np.full(len(program.limits), -np.inf)], [program.limits]
    best = np.zeros(program.size, bool)
    optimal = True
    for level in levels:
        gain = (priority == level).astype(float)
        constraints = LinearConstraint(
            sp.vstack(rows), np.concatenate(lower), np.concatenate(upper)
        )
        candidates = [best]
        relaxed = linprog(
            -gain,
            A_ub=sp.vstack([program.matrix, *(-r for r in rows[1:])]),
            b_ub=np.concatenate([program.limits, *(-v for v in lower[1:])]),
            bounds=(0, 1),
            method="highs-ipm",
        )
        if relaxed.x is not None:
            higher = best & (priority > level)
            candidates.append(_rounded(program, relaxed.x, higher))
        result = milp(
            -gain,
            constraints=constraints,
            integrality=np.ones(program.size),
            bounds=Bounds(0, 1),
            options={"time_limit": effort.seconds / len(levels), "disp": False},
        )
        if result.x is not None:
            candidates.append(result.x > 0.5)
        optimal = optimal and result.status == OPTIMAL
        best = max(candidates, key=lambda c: _score(program, c, levels[: levels.index(level) + 1]))
        rows.append(sp.csr_matrix(gain))
        lower.append(np.array([float(gain[best].sum())]))
        upper.append(np.array([np.inf]))
    return best, optimal
