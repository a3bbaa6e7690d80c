"""A decision's new item is agreed by the joint office for both sides, citing it (ADR 0047)."""

from __future__ import annotations

import pytest

from hicoop.cooperation import services as cooperation
from hicoop.cooperation.models import CooperationItem
from hicoop.core.testing import user
from hicoop.core.workflow import events_of
from hicoop.meetings import services
from hicoop.meetings.tests.factories import TODAY, make_meeting

pytestmark = pytest.mark.django_db


def test_the_office_agrees_for_both_sides_with_the_decision_as_reason():
    meeting = make_meeting()
    decision = services.record_decision(
        meeting=meeting,
        data={
            "kind": "create_item",
            "title": "新增事项",
            "text": "新增。",
            "payload": {
                "item": {
                    "title": "崖州湾深海装备联合实验室",
                    "measure": 1,
                    "mode": "many_to_one",
                    "hainan_parties": ["demo-unit-haikou-bio"],
                    "partner_parties": ["demo-unit-shanghai-ocean"],
                }
            },
        },
        actor=user("office"),
    )
    services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
    item = CooperationItem.objects.get(pk=decision.result_item_id)
    given = cooperation.agreements_of(item)
    assert sorted(given) == ["hainan", "partner"]
    assert all(a.on_behalf and a.agreed_by == user("office") for a in given.values())
    assert all(decision.reference in a.reason for a in given.values())
    agreed = events_of(item).get(action="agree")
    assert (agreed.from_status, agreed.to_status) == ("proposed", "agreed")
    assert decision.reference in agreed.reason
