"""The pure score/grade function: no database."""

from __future__ import annotations

import datetime as dt

import pytest

from hicoop.engine.credit_scoring import Event, Scale, history, scale_on, score

D = dt.date
SCALE = Scale(1, D(2025, 1, 1), 100, 100, 85, 70)


def test_events_in_force_add_up_to_the_score() -> None:
    # Given a breach, a commendation and an event not yet occurred
    events = [
        Event("1", -40, D(2026, 1, 10), D(2027, 1, 10)),
        Event("2", 10, D(2026, 2, 1), D(2027, 2, 1)),
        Event("3", -5, D(2026, 12, 1), D(2027, 12, 1)),
    ]
    # When scored on a date
    found = score(events, [SCALE], D(2026, 6, 1))
    # Then the lines add up and the grade follows the thresholds
    assert found.score == 70 and found.grade == "C" and found.adds_up
    assert [line.state for line in found.lines] == ["counts", "counts", "not_yet"]
    assert [line.running for line in found.lines] == [60, 70, 70]


def test_expiry_and_void_stop_counting_on_their_day() -> None:
    expiring = Event("1", -40, D(2026, 1, 1), D(2026, 7, 1))
    assert score([expiring], [SCALE], D(2026, 6, 30)).grade == "D"
    assert score([expiring], [SCALE], D(2026, 7, 1)).grade == "A"
    voided = Event("2", -40, D(2026, 1, 1), D(2028, 1, 1), D(2026, 3, 1), "overturned")
    assert score([voided], [SCALE], D(2026, 2, 28)).score == 60
    after = score([voided], [SCALE], D(2026, 3, 1))
    assert after.score == 100 and after.lines[0].state == "overturned"


def test_versioned_scales_apply_from_their_date() -> None:
    stricter = Scale(2, D(2026, 1, 1), 100, 105, 90, 75)
    assert scale_on([SCALE, stricter], D(2025, 6, 1)).version == 1
    assert score([], [SCALE, stricter], D(2026, 6, 1)).grade == "B"
    with pytest.raises(ValueError):
        Scale(3, D(2026, 1, 1), 100, 80, 90, 70)


def test_history_lists_each_change_once_and_is_deterministic() -> None:
    events = [Event("1", -40, D(2026, 1, 1), D(2026, 7, 1)), Event("2", -5, D(2026, 2, 1))]
    points = history(events, [SCALE], until=D(2026, 12, 31))
    assert [(p.on, p.score, p.grade) for p in points] == [
        (D(2026, 1, 1), 60, "D"),
        (D(2026, 2, 1), 55, "D"),
        (D(2026, 7, 1), 95, "B"),
    ]
    assert points == history(list(reversed(events)), [SCALE], until=D(2026, 12, 31))


def test_history_sweep_agrees_with_scoring_each_day() -> None:
    import random

    rng = random.Random(7)
    scales = [SCALE, Scale(2, D(2026, 1, 1), 100, 105, 90, 75)]
    events = []
    for i in range(40):
        start = D(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        void = start + dt.timedelta(days=rng.randint(0, 400)) if i % 5 == 0 else None
        events.append(
            Event(
                str(i),
                rng.choice([-40, -20, -5, 10, 20]),
                start,
                start + dt.timedelta(days=rng.randint(30, 900)),
                void,
                "repaired" if void else "",
            )
        )
    points = history(events, scales, until=D(2027, 6, 30), since=D(2025, 1, 1))
    day, current = D(2025, 1, 1), None
    while day <= D(2027, 6, 30):
        while current is None or (
            points.index(current) + 1 < len(points) and points[points.index(current) + 1].on <= day
        ):
            current = points[0] if current is None else points[points.index(current) + 1]
        found = score(events, scales, day)
        assert (found.score, found.grade) == (current.score, current.grade), day
        day += dt.timedelta(days=7)
