"""The greedy baseline: requests in priority order (then as they came), each in the free slot
that adds the fewest idle gaps (then the earliest). Also the exact solver's starting point and
its last pass, so no request that still fits is ever left out."""

from __future__ import annotations

from hicoop.engine.scheduling.occupancy import Occupancy, assign_tables, start
from hicoop.engine.scheduling.problem import Request, Schedule, ScheduleProblem, check


def queue(problem: ScheduleProblem) -> list[Request]:
    locked = {m.request for m in problem.locked}
    waiting = [r for r in problem.requests if r.id not in locked]
    return sorted(waiting, key=lambda r: (-r.priority, r.id))


def fill(state: Occupancy, requests: list[Request]) -> None:
    """Place each request of ``requests`` that still fits, in order."""
    for r in requests:
        if r.id in state.slot_of:
            continue
        slots = state.free_slots(r)
        if slots:
            state.place(r, min(slots, key=lambda s: (state.added_gaps(r, s), s)))


def finish(state: Occupancy, method: str, optimal: bool, notes: tuple[str, ...] = ()) -> Schedule:
    problem = state.problem
    unplaced = tuple(state.explain(r) for r in problem.requests if r.id not in state.slot_of)
    return Schedule(
        meetings=assign_tables(problem, state.slot_of),
        unplaced=unplaced,
        method=method,
        optimal=optimal,
        gaps=state.total_gaps(),
        notes=notes,
    )


def solve_greedy(problem: ScheduleProblem) -> Schedule:
    check(problem)
    state = start(problem)
    fill(state, queue(problem))
    return finish(state, "greedy", optimal=False)
