"""The 1:1 matchmaking schedule (对接洽谈排程) as plain data: delegates, accepted requests, time
slots × tables, locked meetings, and what a schedule looks like (pure, no Django, no clock).

Slots are numbered 0 … n_slots-1 in time order; ``tables[s]`` is how many tables slot ``s`` has.
A delegate meets at most one other delegate per slot, only in slots they are available, and at
most ``cap`` times in all. A locked meeting keeps its slot and table on every re-run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SCHEDULE_VERSION = "hicoop-schedule/1"

# Why a request could not be placed (the service turns codes and params into sentences).
NO_COMMON_SLOT = "no_common_slot"
CAP_REACHED = "cap_reached"
SLOTS_TAKEN = "slots_taken"


@dataclass(frozen=True)
class Delegate:
    """One delegate: the slots they can attend and how many meetings they take at most."""

    id: int
    available: frozenset[int]
    cap: int


@dataclass(frozen=True)
class Request:
    """An accepted request for a meeting between delegates ``a`` and ``b``.

    ``priority`` orders requests lexicographically: every request of a higher priority that can
    be placed is placed before any of a lower one (e.g. 1 for requests backed by a match run or
    an open demand, 0 for the rest).
    """

    id: int
    a: int
    b: int
    priority: int = 0


@dataclass(frozen=True)
class Meeting:
    """A request placed in a slot at a table; ``locked`` meetings are kept on re-runs."""

    request: int
    slot: int
    table: int
    locked: bool = False


@dataclass(frozen=True)
class ScheduleProblem:
    tables: tuple[int, ...]
    delegates: tuple[Delegate, ...]
    requests: tuple[Request, ...]
    locked: tuple[Meeting, ...] = ()
    previous: tuple[Meeting, ...] = ()  # the last schedule: unchanged slots keep their tables

    @property
    def n_slots(self) -> int:
        return len(self.tables)


@dataclass(frozen=True)
class Unplaced:
    """A request left out, with the reason code and its facts (delegate ids, counts)."""

    request: int
    code: str
    params: tuple[tuple[str, int], ...] = ()

    def param(self, name: str) -> int:
        return dict(self.params).get(name, 0)


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]
    unplaced: tuple[Unplaced, ...]
    method: str
    optimal: bool
    gaps: int
    version: str = SCHEDULE_VERSION
    notes: tuple[str, ...] = field(default=())

    @property
    def placed(self) -> int:
        return len(self.meetings)


class ScheduleInputError(ValueError):
    """The problem is inconsistent (unknown delegate, clashing locked meetings …)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def check(problem: ScheduleProblem) -> None:
    """Refuse an inconsistent problem with every problem found."""
    found = _check_basics(problem) + _check_locked(problem)
    if found:
        raise ScheduleInputError(found)


def _check_basics(problem: ScheduleProblem) -> list[str]:
    found = [f"slot {s} has {t} tables" for s, t in enumerate(problem.tables) if t < 0]
    ids = {d.id for d in problem.delegates}
    if len(ids) != len(problem.delegates):
        found.append("a delegate id is used twice")
    seen: set[int] = set()
    for r in problem.requests:
        if r.id in seen:
            found.append(f"request {r.id} is given twice")
        seen.add(r.id)
        if r.a == r.b or r.a not in ids or r.b not in ids:
            found.append(f"request {r.id} does not join two known delegates")
    for d in problem.delegates:
        if d.cap < 0 or any(not 0 <= s < problem.n_slots for s in d.available):
            found.append(f"delegate {d.id} has a bad cap or slot")
    return found


def _check_locked(problem: ScheduleProblem) -> list[str]:
    requests = {r.id: r for r in problem.requests}
    delegates = {d.id: d for d in problem.delegates}
    found: list[str] = []
    busy: set[tuple[int, int]] = set()
    tables: set[tuple[int, int]] = set()
    for m in problem.locked:
        r = requests.get(m.request)
        if r is None or not 0 <= m.slot < problem.n_slots:
            found.append(f"locked meeting of request {m.request} is not in the problem")
            continue
        if not 1 <= m.table <= problem.tables[m.slot] or (m.slot, m.table) in tables:
            found.append(f"locked meeting of request {m.request} has no free table {m.table}")
        tables.add((m.slot, m.table))
        for d in (r.a, r.b):
            if m.slot not in delegates[d].available or (d, m.slot) in busy:
                found.append(f"locked meeting of request {m.request}: delegate {d} is not free")
            busy.add((d, m.slot))
    return found


def by_id(items: Iterable[Delegate]) -> dict[int, Delegate]:
    return {d.id: d for d in items}
