"""Between the ledger and the pure scoring (``hicoop.engine.credit_scoring``): records in, the
score, grade, explanation and history out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from hicoop.credit.choices import EventStatus
from hicoop.credit.models import CreditEvent, GradeScale, Subject
from hicoop.engine import credit_scoring as engine

STATE_LABELS = {
    "counts": _("counts"),
    "not_yet": _("not yet in force"),
    "expired": _("expired"),
    "overturned": _("overturned on objection"),
    "repaired": _("repaired"),
}
VOID_REASON: dict[str, str] = {
    EventStatus.OVERTURNED: "overturned",
    EventStatus.REPAIRED: "repaired",
}


def scales() -> tuple[engine.Scale, ...]:
    rows = GradeScale.objects.all()
    found = tuple(
        engine.Scale(s.version, s.effective_from, s.base, s.a_min, s.b_min, s.c_min) for s in rows
    )
    if not found:
        return (engine.Scale(0, dt.date(2000, 1, 1), 100, 100, 85, 70),)
    return found


def as_engine(event: CreditEvent) -> engine.Event:
    return engine.Event(
        key=str(event.pk),
        points=event.points,
        occurred_on=event.occurred_on,
        expires_on=event.expires_on,
        void_from=event.void_from,
        void_reason=VOID_REASON.get(event.status, "overturned") if event.void_from else "",
    )


def events_of(subject: Subject) -> list[CreditEvent]:
    return list(subject.events.select_related("kind").prefetch_related("objections"))


def result(subject: Subject, on: dt.date) -> engine.Result:
    return engine.score([as_engine(e) for e in subject.events.all()], scales(), on)


@dataclass(frozen=True)
class Explained:
    """One explanation line with its event, for pages and the API."""

    event: CreditEvent
    line: engine.Line

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS.get(self.line.state, self.line.state))


def explain(subject: Subject, on: dt.date) -> tuple[engine.Result, list[Explained]]:
    events = events_of(subject)
    by_key = {str(e.pk): e for e in events}
    found = engine.score([as_engine(e) for e in events], scales(), on)
    return found, [Explained(by_key[line.key], line) for line in found.lines]


def history(subject: Subject, on: dt.date) -> tuple[engine.Point, ...]:
    events = [as_engine(e) for e in subject.events.all()]
    since = subject.created_at.date() if subject.created_at else None
    if events:
        first = min(e.occurred_on for e in events)
        since = min(since, first) if since else first
    return engine.history(events, scales(), until=on, since=since)


def explanation_json(subject: Subject, on: dt.date) -> dict[str, Any]:
    found, lines = explain(subject, on)
    return {
        "on": on.isoformat(),
        "base": found.base,
        "score": found.score,
        "grade": found.grade,
        "scale_version": found.scale_version,
        "adds_up": found.adds_up,
        "lines": [
            {
                "event": x.event.pk,
                "kind": x.event.kind.code,
                "kind_name": x.event.kind.display_name,
                "occurred_on": x.event.occurred_on.isoformat(),
                "points": x.line.points,
                "counted": x.line.counted,
                "state": x.line.state,
                "state_label": x.state_label,
                "running": x.line.running,
            }
            for x in lines
        ],
    }
