"""An accepted expression of interest records both sides' agreement to the new item (ADR 0047)."""

from __future__ import annotations

import datetime as dt

import pytest

from hicoop.cooperation import services as cooperation
from hicoop.cooperation.choices import ItemStatus
from hicoop.core.testing import party, user
from hicoop.core.workflow import events_of
from hicoop.matchmaking import services

TODAY = dt.date(2026, 11, 24)
pytestmark = pytest.mark.django_db


def test_the_sender_agrees_for_the_demand_side_and_the_accepting_partner_for_theirs(demand):
    interest = services.express_interest(
        demand=demand, partner=party("demo-unit-shanghai-ocean"), actor=user("unit-haikou")
    )
    services.respond_interest(interest=interest, actor=user("unit-shanghai"), accept=True, on=TODAY)
    item = interest.item
    given = cooperation.agreements_of(item)
    assert (given["hainan"].agreed_by, given["partner"].agreed_by) == (
        user("unit-haikou"),
        user("unit-shanghai"),
    )
    assert not given["hainan"].on_behalf and not given["partner"].on_behalf
    assert item.status == ItemStatus.AGREED
    changes = [e for e in events_of(item) if e.from_status and e.from_status != e.to_status]
    assert [(e.action, e.actor) for e in changes] == [("agree", user("unit-shanghai"))]
