"""Closing idle gaps: move a placed meeting to another slot where both delegates are free and a
table is too, when that leaves fewer gaps in all; passes over the meetings in request order
until a pass changes nothing (deterministic)."""

from __future__ import annotations

from hicoop.engine.scheduling.occupancy import Occupancy
from hicoop.engine.scheduling.problem import Request


def close_gaps(state: Occupancy, passes: int) -> int:
    """Improve ``state`` in place; returns how many meetings moved."""
    locked = {m.request for m in state.problem.locked}
    requests = {r.id: r for r in state.problem.requests}
    moved = 0
    for _ in range(max(0, passes)):
        changed = 0
        for rid in sorted(state.slot_of):
            if rid not in locked and _improve(state, requests[rid]):
                changed += 1
        moved += changed
        if not changed:
            break
    return moved


def _improve(state: Occupancy, r: Request) -> bool:
    current = state.slot_of[r.id]
    before = state.gaps_of(r.a) + state.gaps_of(r.b)
    state.remove(r)
    best, best_gaps = current, None
    for s in state.free_slots(r):
        gaps = state.gaps_of(r.a, s) + state.gaps_of(r.b, s)
        if best_gaps is None or (gaps, s) < best_gaps:
            best, best_gaps = s, (gaps, s)
    if best_gaps is None or best_gaps[0] >= before:
        best = current
    state.place(r, best)
    return best != current
