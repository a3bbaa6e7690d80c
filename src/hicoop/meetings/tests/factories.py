"""Building meeting records for tests through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hicoop.core.testing import user
from hicoop.meetings import services
from hicoop.meetings.models import Delegate, Meeting

TODAY = dt.date(2026, 11, 24)


def make_meeting(**overrides: Any) -> Meeting:
    data = {
        "kind": "promotion",
        "year": 2026,
        "title": "2026年海南开放创新合作机制推进会",
        "starts_on": "2026-12-10",
        "ends_on": "2026-12-11",
        "venue": "海口市（演示）",
        "organisers": ["joint-office"],
        "topic_deadline": "2026-12-01",
    }
    data.update(overrides)
    return services.create_meeting(data=data, actor=user("office"))


def invite(meeting: Meeting, party: str, name: str, account: str = "", **extra: Any) -> Delegate:
    data = {"party": party, "name": name, "position": "代表", "user": account, **extra}
    return services.invite_delegate(meeting=meeting, data=data, actor=user("office"))


def slots(meeting: Meeting, count: int = 4, tables: int = 2) -> None:
    services.add_slots(
        meeting=meeting,
        data={
            "day": "2026-12-10",
            "start": "09:00",
            "count": count,
            "minutes": 30,
            "tables": tables,
        },
        actor=user("office"),
    )


def accepted(meeting: Meeting, a: Delegate, b: Delegate) -> Any:
    found = services.request_meeting(meeting=meeting, requester=a, invitee=b, actor=user("office"))
    return services.answer_request(request=found, accept=True, actor=user("office"))
