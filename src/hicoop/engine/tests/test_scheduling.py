"""The 1:1 matchmaking scheduler, without a database: every constraint holds, the exact solver
beats the greedy baseline where greedy is short-sighted, locked meetings stay, priorities come
first, and every request left out is explained."""

from __future__ import annotations

from collections import Counter

import pytest

from hicoop.engine.scheduling import (
    CAP_REACHED,
    NO_COMMON_SLOT,
    SLOTS_TAKEN,
    Delegate,
    Effort,
    Meeting,
    Request,
    Schedule,
    ScheduleInputError,
    ScheduleProblem,
    solve_exact,
    solve_greedy,
    upper_bound,
)

ALL = frozenset(range(4))


def people(*caps: int, available: frozenset[int] = ALL) -> tuple[Delegate, ...]:
    return tuple(Delegate(i, available, cap) for i, cap in enumerate(caps))


def assert_valid(problem: ScheduleProblem, schedule: Schedule) -> None:
    requests = {r.id: r for r in problem.requests}
    delegates = {d.id: d for d in problem.delegates}
    seats = Counter((m.slot, m.table) for m in schedule.meetings)
    assert max(seats.values(), default=1) == 1, "two meetings at one table"
    busy: Counter[tuple[int, int]] = Counter()
    load: Counter[int] = Counter()
    for m in schedule.meetings:
        assert 1 <= m.table <= problem.tables[m.slot]
        for d in (requests[m.request].a, requests[m.request].b):
            assert m.slot in delegates[d].available
            busy[(d, m.slot)] += 1
            load[d] += 1
    assert max(busy.values(), default=1) == 1, "a delegate is double-booked"
    assert all(load[d] <= delegates[d].cap for d in load)
    placed = {m.request for m in schedule.meetings}
    assert placed | {u.request for u in schedule.unplaced} == set(requests)
    assert not placed & {u.request for u in schedule.unplaced}


class TestConstraints:
    def test_given_a_crowded_problem_when_solved_then_every_rule_holds(self) -> None:
        delegates = tuple(Delegate(i, frozenset(range(i % 3, 6)), 2 + i % 3) for i in range(12))
        requests = tuple(
            Request(n, a, b, priority=n % 2)
            for n, (a, b) in enumerate(((i, j) for i in range(12) for j in range(i + 1, 12)), 1)
        )
        problem = ScheduleProblem(tables=(2, 3, 1, 2, 2, 1), delegates=delegates, requests=requests)
        for schedule in (solve_greedy(problem), solve_exact(problem)):
            assert_valid(problem, schedule)
            assert schedule.placed <= upper_bound(problem)


class TestExactBeatsGreedy:
    def test_given_a_popular_delegate_then_exact_leaves_them_to_those_with_no_one_else(
        self,
    ) -> None:
        # Delegate 0 takes one meeting; greedy gives it to request 1 (0–1, first come), but 1
        # could also meet 2, while 3 can meet only 0.
        problem = ScheduleProblem(
            tables=(5, 5),
            delegates=people(1, 1, 1, 1, available=frozenset({0, 1})),
            requests=(Request(1, 0, 1), Request(2, 1, 2), Request(3, 0, 3)),
        )
        assert solve_greedy(problem).placed == 1
        best = solve_exact(problem)
        assert best.placed == 2 and best.optimal
        assert upper_bound(problem) == 2


class TestLockedAndPriorities:
    def test_given_a_locked_meeting_when_re_run_then_it_keeps_slot_and_table(self) -> None:
        problem = ScheduleProblem(
            tables=(2, 2),
            delegates=people(2, 2, 2, available=frozenset({0, 1})),
            requests=(Request(1, 0, 1), Request(2, 0, 2), Request(3, 1, 2)),
            locked=(Meeting(3, 0, 2, locked=True),),
        )
        schedule = solve_exact(problem)
        assert_valid(problem, schedule)
        assert Meeting(3, 0, 2, locked=True) in schedule.meetings

    def test_given_one_slot_left_then_the_backed_request_takes_it(self) -> None:
        problem = ScheduleProblem(
            tables=(1,),
            delegates=people(1, 1, 1, available=frozenset({0})),
            requests=(Request(1, 0, 1, priority=0), Request(2, 0, 2, priority=1)),
        )
        for schedule in (solve_greedy(problem), solve_exact(problem)):
            assert [m.request for m in schedule.meetings] == [2]

    def test_clashing_locked_meetings_are_refused(self) -> None:
        problem = ScheduleProblem(
            tables=(2,),
            delegates=people(2, 2, 2, available=frozenset({0})),
            requests=(Request(1, 0, 1), Request(2, 0, 2)),
            locked=(Meeting(1, 0, 1, True), Meeting(2, 0, 2, True)),
        )
        with pytest.raises(ScheduleInputError) as err:
            solve_exact(problem)
        assert "delegate 0 is not free" in str(err.value)

    def test_previous_tables_are_kept_where_the_slot_did_not_change(self) -> None:
        problem = ScheduleProblem(
            tables=(3,),
            delegates=people(1, 1, 1, 1, available=frozenset({0})),
            requests=(Request(1, 0, 1), Request(2, 2, 3)),
            previous=(Meeting(2, 0, 3),),
        )
        assert Meeting(2, 0, 3) in solve_exact(problem).meetings


class TestExplanations:
    def test_every_unplaced_request_has_its_reason(self) -> None:
        problem = ScheduleProblem(
            tables=(1, 1),
            delegates=(
                Delegate(0, frozenset({0}), 1),
                Delegate(1, frozenset({1}), 1),
                Delegate(2, frozenset({0, 1}), 1),
                Delegate(3, frozenset({0, 1}), 2),
                Delegate(4, frozenset({0, 1}), 2),
            ),
            requests=(Request(1, 0, 1), Request(2, 2, 3), Request(3, 2, 4), Request(4, 3, 4)),
        )
        schedule = solve_exact(problem)
        why = {u.request: u for u in schedule.unplaced}
        assert why[1].code == NO_COMMON_SLOT
        capped = [u for u in why.values() if u.code == CAP_REACHED]
        assert capped and capped[0].param("delegate") == 2 and capped[0].param("cap") == 1
        assert schedule.placed == 2  # 2–3 and 3–4 (or 2–4 and 3–4) fill both tables

    def test_taken_slots_are_counted(self) -> None:
        problem = ScheduleProblem(
            tables=(1,),
            delegates=people(2, 2, 2, available=frozenset({0})),
            requests=(Request(1, 0, 1), Request(2, 0, 2)),
        )
        (left,) = solve_exact(problem).unplaced
        assert left.code == SLOTS_TAKEN and left.param("common") == 1
        assert left.param("a_busy") + left.param("b_busy") + left.param("tables_full") == 1


class TestDeterminismAndGaps:
    def test_same_problem_same_schedule(self) -> None:
        delegates = tuple(Delegate(i, frozenset(range(8)), 3) for i in range(10))
        pairs = {(n % 10, (n * 3 + 1) % 10) for n in range(1, 25)}
        requests = tuple(Request(n, a, b) for n, (a, b) in enumerate(sorted(pairs), 1) if a != b)
        problem = ScheduleProblem(tables=(2,) * 8, delegates=delegates, requests=requests)
        assert solve_exact(problem, Effort(seconds=5)) == solve_exact(problem, Effort(seconds=5))

    def test_meetings_are_packed_without_idle_gaps_when_possible(self) -> None:
        problem = ScheduleProblem(
            tables=(1, 1, 1, 1),
            delegates=people(3, 1, 1, 1),
            requests=(Request(1, 0, 1), Request(2, 0, 2), Request(3, 0, 3)),
        )
        schedule = solve_exact(problem)
        assert schedule.placed == 3 and schedule.gaps == 0
