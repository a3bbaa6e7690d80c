"""Credit score and grade of one subject on a date (pure: no Django, no clock).

A subject starts from the scale's base score; every event in force on the date adds its points
(negative for breaches, positive for commendations). An event is in force from the day it
occurred until the day before it expires, and stops counting from the day it was overturned on
objection or repaired (``void_from``); it never disappears from the history. The sum maps to a
grade A / B / C / D by the thresholds of the scale in effect on the date::

    score = base + Σ points(e)  for e with occurred_on ≤ on < expires_on and on < void_from
    grade = A if score ≥ a_min, B if ≥ b_min, C if ≥ c_min, else D

Same inputs, same result: the explanation lists every event with whether and why it counts, and
its counted points add up to ``score - base``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

GRADES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Scale:
    """Versioned grade thresholds, effective from a date."""

    version: int
    effective_from: dt.date
    base: int
    a_min: int
    b_min: int
    c_min: int

    def __post_init__(self) -> None:
        if not self.a_min > self.b_min > self.c_min:
            raise ValueError("thresholds must fall: a_min > b_min > c_min")

    def grade(self, score: int) -> str:
        if score >= self.a_min:
            return "A"
        if score >= self.b_min:
            return "B"
        if score >= self.c_min:
            return "C"
        return "D"


@dataclass(frozen=True)
class Event:
    """One ledger entry as the scoring sees it."""

    key: str
    points: int
    occurred_on: dt.date
    expires_on: dt.date | None = None  # first day it no longer counts; None: never expires
    void_from: dt.date | None = None  # overturned or repaired from this day
    void_reason: str = ""  # "overturned" | "repaired"


@dataclass(frozen=True)
class Line:
    """One event in the explanation: counted points and why (not) counted."""

    key: str
    points: int
    counted: int
    state: str  # "counts" | "not_yet" | "expired" | "overturned" | "repaired"
    running: int  # score after this line


@dataclass(frozen=True)
class Result:
    on: dt.date
    base: int
    score: int
    grade: str
    scale_version: int
    lines: tuple[Line, ...]

    @property
    def adds_up(self) -> bool:
        return self.base + sum(line.counted for line in self.lines) == self.score


def scale_on(scales: Iterable[Scale], on: dt.date) -> Scale:
    """The scale in effect on ``on``: the latest effective on or before it (else the earliest)."""
    ordered = sorted(scales, key=lambda s: (s.effective_from, s.version))
    if not ordered:
        raise ValueError("no grade scale")
    current = ordered[0]
    for scale in ordered:
        if scale.effective_from <= on:
            current = scale
    return current


def state_of(event: Event, on: dt.date) -> str:
    if on < event.occurred_on:
        return "not_yet"
    if event.void_from is not None and on >= event.void_from:
        return event.void_reason or "overturned"
    if event.expires_on is not None and on >= event.expires_on:
        return "expired"
    return "counts"


def score(events: Sequence[Event], scales: Iterable[Scale], on: dt.date) -> Result:
    """Score and grade on ``on`` with the explanation, event by event in date order."""
    scale = scale_on(scales, on)
    running = scale.base
    lines = []
    for event in sorted(events, key=lambda e: (e.occurred_on, e.key)):
        state = state_of(event, on)
        counted = event.points if state == "counts" else 0
        running += counted
        lines.append(Line(event.key, event.points, counted, state, running))
    return Result(on, scale.base, running, scale.grade(running), scale.version, tuple(lines))


@dataclass(frozen=True)
class Point:
    on: dt.date
    score: int
    grade: str


def history(
    events: Sequence[Event], scales: Iterable[Scale], until: dt.date, since: dt.date | None = None
) -> tuple[Point, ...]:
    """The score on every day it changed (event dates, expiries, voids, new scales) up to
    ``until``, starting at ``since`` (default: the first event). A sweep over the days where
    an event starts or stops counting: O(n log n), the same result as :func:`score` each day."""
    scales = tuple(scales)
    deltas: dict[dt.date, int] = {}
    for e in events:
        ends = [d for d in (e.expires_on, e.void_from) if d is not None]
        end = min(ends) if ends else None
        if end is not None and end <= e.occurred_on:
            continue
        deltas[e.occurred_on] = deltas.get(e.occurred_on, 0) + e.points
        if end is not None:
            deltas[end] = deltas.get(end, 0) - e.points
    start = since or (min(e.occurred_on for e in events) if events else until)
    running = sum(v for d, v in deltas.items() if d < start)
    days = {d for d in deltas if start <= d <= until}
    days |= {s.effective_from for s in scales if start <= s.effective_from <= until} | {start}
    points: list[Point] = []
    for day in sorted(days):
        running += deltas.get(day, 0)
        scale = scale_on(scales, day)
        value = scale.base + running
        grade = scale.grade(value)
        if not points or (points[-1].score, points[-1].grade) != (value, grade):
            points.append(Point(day, value, grade))
    return tuple(points)
