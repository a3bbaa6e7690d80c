"""Meetings, invitations through the gates, topic collection."""

from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.meetings import selectors, services
from hicoop.meetings.choices import TopicStatus
from hicoop.meetings.gates import (
    InvitationRefused,
    register_invitation_gate,
    unregister_invitation_gate,
)
from hicoop.meetings.tests.factories import TODAY, invite, make_meeting

pytestmark = pytest.mark.django_db


class TestCreateMeeting:
    def test_office_creates_a_meeting_text_kept_as_typed(self) -> None:
        meeting = make_meeting(title="2026年推进会（第一次会议）：海口")
        assert meeting.title == "2026年推进会（第一次会议）：海口"
        assert meeting.short_label == "2026年推进会"
        assert [p.external_id for p in meeting.organisers.all()] == ["mechanism:joint-office"]

    def test_others_may_not(self) -> None:
        with pytest.raises(PermissionDenied):
            services.create_meeting(data={}, actor=user("shanghai"))

    def test_bad_dates_and_unknown_fields_are_clear_errors(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            make_meeting(ends_on="2026-12-01")
        assert "ends_on" in err.value.details
        with pytest.raises(ValidationFailed) as err:
            make_meeting(year="二〇二六", titel="typo")
        assert {"year", "titel"} <= set(err.value.details)


def refuse_ocean(party: Any, meeting: Any, *, matchmaking: bool) -> str | None:
    if matchmaking and party.external_id == "demo-unit-shanghai-ocean":
        return "信用等级为D（测试）"
    return None


class TestInvitationGate:
    @pytest.fixture(autouse=True)
    def gate(self) -> Any:
        register_invitation_gate(refuse_ocean)
        yield
        unregister_invitation_gate(refuse_ocean)

    def test_a_gate_refuses_with_its_reason(self) -> None:
        meeting = make_meeting()
        with pytest.raises(InvitationRefused) as err:
            invite(meeting, "demo-unit-shanghai-ocean", "李申")
        assert "信用等级为D" in str(err.value.message)
        assert not meeting.delegates.exists()

    def test_a_gate_does_not_apply_outside_matchmaking(self) -> None:
        delegate = invite(make_meeting(), "demo-unit-shanghai-ocean", "李申", matchmaking=False)
        assert delegate.gate_refusal == ""

    def test_the_joint_office_overrides_with_a_reason_kept_on_record(self) -> None:
        meeting = make_meeting()
        delegate = services.invite_delegate(
            meeting=meeting,
            data={"party": "demo-unit-shanghai-ocean", "name": "李申"},
            actor=user("office"),
            override_reason="已完成信用修复申请，联合办公室同意参会",
        )
        assert delegate.gate_refusal == "信用等级为D（测试）"
        assert delegate.override_reason.startswith("已完成信用修复")


class TestRsvp:
    def test_the_delegate_answers_others_may_not(self) -> None:
        delegate = invite(make_meeting(), "demo-unit-haikou-bio", "王海", "unit-haikou")
        services.answer_invitation(delegate=delegate, attend=True, actor=user("unit-haikou"))
        assert delegate.status == "accepted"
        with pytest.raises(PermissionDenied):
            services.answer_invitation(delegate=delegate, attend=False, actor=user("unit-shanghai"))


class TestTopics:
    def propose(self, meeting: Any, who: str = "unit-haikou", title: str = "南药产业链协同") -> Any:
        data = {"party": "demo-unit-haikou-bio", "title": title, "description": "建议研究。"}
        return services.propose_topic(meeting=meeting, data=data, actor=user(who), on=TODAY)

    def test_a_unit_proposes_for_its_own_party_only(self) -> None:
        meeting = make_meeting()
        assert self.propose(meeting).status == TopicStatus.PROPOSED
        with pytest.raises(PermissionDenied):
            self.propose(meeting, who="unit-shanghai")

    def test_after_the_deadline_proposals_are_refused(self) -> None:
        meeting = make_meeting(topic_deadline="2026-11-20")
        with pytest.raises(Conflict) as err:
            self.propose(meeting)
        assert "2026-11-20" in str(err.value.message)

    def test_office_accepts_merges_and_declines_with_reasons(self) -> None:
        meeting = make_meeting()
        first, second, third = (self.propose(meeting, title=t) for t in ("甲", "乙", "丙"))
        services.decide_topic(topic=first, action="accept", actor=user("office"))
        services.decide_topic(
            topic=second, action="merge", actor=user("office"), reason="与甲重复", into=first
        )
        with pytest.raises(ValidationFailed):
            services.decide_topic(topic=third, action="decline", actor=user("office"))
        services.decide_topic(
            topic=third, action="decline", actor=user("office"), reason="不属于本机制"
        )
        second.refresh_from_db()
        assert (second.status, second.merged_into_id, second.reason) == (
            "merged",
            first.pk,
            "与甲重复",
        )

    def test_proposals_are_seen_by_their_party_and_readers_of_everything(self) -> None:
        meeting = make_meeting()
        topic = self.propose(meeting)
        seen = {
            name: list(selectors.topics_of(user=user(name), meeting=meeting))
            for name in ("office", "ministry", "unit-haikou", "unit-shanghai", "hunan")
        }
        assert seen["office"] == seen["ministry"] == seen["unit-haikou"] == [topic]
        assert seen["unit-shanghai"] == seen["hunan"] == []
        services.decide_topic(topic=topic, action="accept", actor=user("office"))
        assert list(selectors.topics_of(user=user("unit-shanghai"), meeting=meeting)) == [topic]
