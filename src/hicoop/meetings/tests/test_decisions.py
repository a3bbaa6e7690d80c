"""Decisions carried out through the cooperation services, follow-up actions in workspaces."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.cooperation.models import CooperationItem
from hicoop.cooperation.tests.factories import make_item
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.core.workspace import todos_for
from hicoop.meetings import selectors, services
from hicoop.meetings.tests.factories import TODAY, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def item() -> Any:
    return make_item(status_path=("agree", "start"))


def decide(meeting: Any, **data: Any) -> Any:
    return services.record_decision(meeting=meeting, data=data, actor=user("office"))


class TestAdjustItem:
    def test_an_adjustment_becomes_a_version_that_cites_the_decision(self, item: Any) -> None:
        meeting = make_meeting()
        decide(meeting, kind="other", title="总体要求", text="加快推进。")
        decision = decide(
            meeting,
            kind="adjust_item",
            title="调整目标",
            text="资金目标调至800万元。",
            item=item.number,
            payload={"changes": {"goals": "扩大示范规模：三亚、陵水两地。"}},
        )
        assert decision.reference == "2026年推进会决定第2项"
        services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
        version = decision.result_version
        assert version.decision_ref == "2026年推进会决定第2项" and version.item_id == item.pk
        assert version.changes["goals"][1] == "扩大示范规模：三亚、陵水两地。"
        client = Client()
        client.force_login(user("unit-haikou"))
        page = client.get(reverse("cooperation:item", args=[item.pk])).content.decode()
        assert (
            "2026年推进会决定第2项" in page
            and reverse("meetings:decision", args=[decision.pk]) in page
        )

    def test_a_user_who_may_not_edit_the_item_is_refused_clearly(self, item: Any) -> None:
        decision = decide(
            make_meeting(), kind="suspend_item", title="暂停", text="暂停执行。", item=item.number
        )
        with pytest.raises(PermissionDenied) as err:
            services.execute_decision(decision=decision, actor=user("hunan"), on=TODAY)
        assert item.number in str(err.value.message) and "2026年推进会决定第1项" in str(
            err.value.message
        )
        item.refresh_from_db()
        assert item.status == "in_progress" and decision.status == "draft"

    def test_a_user_who_edits_the_item_carries_it_out(self, item: Any) -> None:
        decision = decide(
            make_meeting(), kind="suspend_item", title="暂停", text="暂停执行。", item=item.number
        )
        services.execute_decision(decision=decision, actor=user("shanghai"), on=TODAY)
        item.refresh_from_db()
        assert item.status == "suspended" and decision.status == "executed"

    def test_an_adjustment_without_changes_leaves_nothing(self, item: Any) -> None:
        decision = decide(
            make_meeting(), kind="adjust_item", title="调整", text="…", item=item.number
        )
        with pytest.raises(ValidationFailed):
            services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
        assert item.versions.count() == 1


class TestCreate:
    def test_a_new_item_starts_agreed_and_cites_the_decision(self) -> None:
        data = {
            "title": "崖州湾深海装备联合实验室",
            "measure": 1,
            "mode": "many_to_one",
            "hainan_parties": ["demo-unit-haikou-bio"],
            "partner_parties": ["demo-unit-shanghai-ocean"],
        }
        decision = decide(
            make_meeting(),
            kind="create_item",
            title="新增事项",
            text="新增。",
            payload={"item": data},
        )
        services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
        created = CooperationItem.objects.get(pk=decision.result_item_id)
        assert (created.status, created.origin) == ("agreed", "meeting")
        assert created.versions.get(number=1).decision_ref == "2026年推进会决定第1项"

    def test_a_new_key_task_and_a_re_target(self) -> None:
        meeting = make_meeting(kind="consultation", title="2026年部省会商")
        made = decide(
            meeting,
            kind="create_task",
            title="国际科技创新合作论坛常态化",
            text="…",
            payload={"task": {"department": "most-dari", "deadline": "2027-12-31"}},
        )
        services.execute_decision(decision=made, actor=user("office"), on=TODAY)
        assert made.reference == "2026年部省会商结论第1项" and made.result_task.status == "planned"
        moved = decide(
            meeting,
            kind="retarget_task",
            title="延期",
            text="…",
            task=made.result_task.number,
            payload={"task": {"deadline": "2028-06-30"}},
        )
        services.execute_decision(decision=moved, actor=user("office"), on=TODAY)
        made.result_task.refresh_from_db()
        assert made.result_task.deadline == dt.date(2028, 6, 30)


class TestFollowUps:
    def test_an_action_sits_in_its_owners_workspace_and_the_office_inbox_until_done(self) -> None:
        meeting = make_meeting()
        decision = decide(meeting, kind="list_adjustment", title="负面清单调整", text="建议调整。")
        with pytest.raises(Conflict):
            services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
        action = services.add_action(
            meeting=meeting,
            decision=decision,
            actor=user("office"),
            data={"title": "提出负面清单调整建议", "owner": "shanghai", "due_on": "2026-12-31"},
        )
        services.execute_decision(decision=decision, actor=user("office"), on=TODAY)
        for name in ("shanghai", "office"):
            assert any(t.title == "提出负面清单调整建议" for t in todos_for(user(name), TODAY)), (
                name
            )
        assert not any(t.title == "提出负面清单调整建议" for t in todos_for(user("hunan"), TODAY))
        with pytest.raises(PermissionDenied):
            services.complete_action(action=action, actor=user("hunan"))
        services.complete_action(action=action, actor=user("shanghai"), note="已提交")
        assert not any(
            t.title == "提出负面清单调整建议" for t in todos_for(user("shanghai"), TODAY)
        )

    def test_action_lists_per_role(self) -> None:
        meeting = make_meeting()
        action = services.add_action(
            meeting=meeting,
            actor=user("office"),
            data={"title": "甲", "owner": "shanghai", "due_on": "2026-12-31", "party": "shanghai"},
        )
        seen = {
            n: action in selectors.actions_for(user=user(n))
            for n in ("office", "ministry", "shanghai", "hunan", "unit-shanghai")
        }
        assert seen == {
            "office": True,
            "ministry": True,
            "shanghai": True,
            "hunan": False,
            "unit-shanghai": False,
        }
