"""Who is busy when: the state every scheduling step reads and changes (pure)."""

from __future__ import annotations

from hicoop.engine.scheduling.problem import (
    CAP_REACHED,
    NO_COMMON_SLOT,
    SLOTS_TAKEN,
    Meeting,
    Request,
    ScheduleProblem,
    Unplaced,
    by_id,
)


class Occupancy:
    """Slots taken per delegate, tables used per slot, and the slot of each placed request."""

    def __init__(self, problem: ScheduleProblem) -> None:
        self.problem = problem
        self.delegates = by_id(problem.delegates)
        self.busy: dict[int, set[int]] = {d.id: set() for d in problem.delegates}
        self.used = [0] * problem.n_slots
        self.slot_of: dict[int, int] = {}
        self.order = {d.id: sorted(d.available) for d in problem.delegates}

    def common(self, r: Request) -> list[int]:
        return sorted(self.delegates[r.a].available & self.delegates[r.b].available)

    def at_cap(self, delegate: int) -> bool:
        return len(self.busy[delegate]) >= self.delegates[delegate].cap

    def free_slots(self, r: Request) -> list[int]:
        """Slots where ``r`` could be placed now."""
        if self.at_cap(r.a) or self.at_cap(r.b):
            return []
        tables = self.problem.tables
        return [
            s
            for s in self.common(r)
            if s not in self.busy[r.a] and s not in self.busy[r.b] and self.used[s] < tables[s]
        ]

    def place(self, r: Request, slot: int) -> None:
        self.busy[r.a].add(slot)
        self.busy[r.b].add(slot)
        self.used[slot] += 1
        self.slot_of[r.id] = slot

    def remove(self, r: Request) -> None:
        slot = self.slot_of.pop(r.id)
        self.busy[r.a].discard(slot)
        self.busy[r.b].discard(slot)
        self.used[slot] -= 1

    def gaps_of(self, delegate: int, extra: int | None = None) -> int:
        """Idle stretches between a delegate's first and last meeting, counted over the slots
        they are available (a slot they are away does not make a gap)."""
        busy = self.busy[delegate]
        flags = [s in busy or s == extra for s in self.order[delegate]]
        if True not in flags:
            return 0
        first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
        inner = flags[first : last + 1]
        return sum(1 for i in range(1, len(inner)) if inner[i] and not inner[i - 1])

    def added_gaps(self, r: Request, slot: int) -> int:
        before = self.gaps_of(r.a) + self.gaps_of(r.b)
        return self.gaps_of(r.a, slot) + self.gaps_of(r.b, slot) - before

    def total_gaps(self) -> int:
        return sum(self.gaps_of(d) for d in self.busy)

    def explain(self, r: Request) -> Unplaced:
        """Why ``r`` cannot be placed in the schedule as it stands."""
        common = self.common(r)
        if not common:
            return Unplaced(r.id, NO_COMMON_SLOT, (("a", r.a), ("b", r.b)))
        for d in (r.a, r.b):
            if self.at_cap(d):
                return Unplaced(
                    r.id, CAP_REACHED, (("delegate", d), ("cap", self.delegates[d].cap))
                )
        a_busy = sum(1 for s in common if s in self.busy[r.a])
        b_busy = sum(1 for s in common if s in self.busy[r.b] and s not in self.busy[r.a])
        full = len(common) - a_busy - b_busy
        params = (("a", r.a), ("b", r.b), ("common", len(common)))
        counts = (("a_busy", a_busy), ("b_busy", b_busy), ("tables_full", full))
        return Unplaced(r.id, SLOTS_TAKEN, params + counts)


def start(problem: ScheduleProblem) -> Occupancy:
    """The occupancy with the locked meetings in place."""
    state = Occupancy(problem)
    requests = {r.id: r for r in problem.requests}
    for m in problem.locked:
        state.place(requests[m.request], m.slot)
    return state


def assign_tables(problem: ScheduleProblem, slot_of: dict[int, int]) -> tuple[Meeting, ...]:
    """Tables per slot: locked meetings keep theirs, then a meeting still in its previous slot
    keeps its previous table, then the lowest free table in request order."""
    locked = {m.request: m for m in problem.locked}
    previous = {m.request: m for m in problem.previous}
    taken: dict[int, set[int]] = {}
    tables: dict[int, int] = {}
    for rid, m in locked.items():
        taken.setdefault(m.slot, set()).add(m.table)
        tables[rid] = m.table
    for rid in sorted(slot_of):
        old = previous.get(rid)
        slot = slot_of[rid]
        if rid in tables or old is None or old.slot != slot:
            continue
        if old.table not in taken.setdefault(slot, set()) and old.table <= problem.tables[slot]:
            taken[slot].add(old.table)
            tables[rid] = old.table
    for rid in sorted(slot_of):
        if rid not in tables:
            used = taken.setdefault(slot_of[rid], set())
            table = next(t for t in range(1, problem.tables[slot_of[rid]] + 1) if t not in used)
            used.add(table)
            tables[rid] = table
    return tuple(Meeting(rid, slot_of[rid], tables[rid], rid in locked) for rid in sorted(slot_of))
