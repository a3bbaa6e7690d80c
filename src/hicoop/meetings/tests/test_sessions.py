"""1:1 requests, the scheduling job, locks kept on re-runs, explanations, publishing."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from hicoop.core import notifications
from hicoop.core.exceptions import Conflict, PermissionDenied
from hicoop.core.models import JobStatus
from hicoop.core.testing import user
from hicoop.meetings import selectors, services
from hicoop.meetings.models import MeetingRequest, SessionMeeting
from hicoop.meetings.tests.factories import accepted, invite, make_meeting, slots

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> Any:
    return make_meeting()


@pytest.fixture
def people(meeting: Any) -> dict[str, Any]:
    return {
        "haikou": invite(meeting, "demo-unit-haikou-bio", "王海", "unit-haikou"),
        "ocean": invite(meeting, "demo-unit-shanghai-ocean", "李申", "unit-shanghai"),
        "zj": invite(meeting, "zhangjiang", "张江代表"),
        "hunan": invite(meeting, "hunan", "湖南代表", "hunan"),
        "tianfu": invite(meeting, "tianfu-bio", "天府代表", cap=1),
    }


def placements(meeting: Any) -> dict[int, tuple[int, int]]:
    return {
        p.request_id: (p.slot_id, p.table)
        for p in SessionMeeting.objects.filter(slot__meeting=meeting)
    }


def schedule(meeting: Any) -> Any:
    job = services.start_schedule(meeting=meeting, actor=user("office"), seconds=5)
    assert job.status == JobStatus.SUCCEEDED, job.error
    return selectors.last_run(meeting=meeting)


def assert_no_double_booking(meeting: Any) -> None:
    placed = SessionMeeting.objects.filter(slot__meeting=meeting).select_related("request")
    busy = Counter()
    for p in placed:
        busy[(p.request.requester_id, p.slot_id)] += 1
        busy[(p.request.invitee_id, p.slot_id)] += 1
    assert max(busy.values(), default=1) == 1


class TestRequests:
    def test_a_unit_asks_for_its_own_delegate_and_the_other_side_answers(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        invited = notifications.unread_count(user("unit-shanghai"))
        found = services.request_meeting(
            meeting=meeting,
            requester=people["haikou"],
            invitee=people["ocean"],
            actor=user("unit-haikou"),
            message="想谈冷链合作",
        )
        assert found.source == "list"
        assert notifications.unread_count(user("unit-shanghai")) == invited + 1
        with pytest.raises(PermissionDenied):
            services.answer_request(request=found, accept=True, actor=user("unit-haikou"))
        services.answer_request(
            request=found, accept=False, actor=user("unit-shanghai"), reason="时间冲突"
        )
        assert (found.status, found.reason) == ("declined", "时间冲突")

    def test_asking_for_someone_else_or_twice_is_refused(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        with pytest.raises(PermissionDenied):
            services.request_meeting(
                meeting=meeting,
                requester=people["ocean"],
                invitee=people["zj"],
                actor=user("unit-haikou"),
            )
        services.request_meeting(
            meeting=meeting,
            requester=people["haikou"],
            invitee=people["zj"],
            actor=user("unit-haikou"),
        )
        with pytest.raises(Conflict):
            services.request_meeting(
                meeting=meeting,
                requester=people["haikou"],
                invitee=people["zj"],
                actor=user("unit-haikou"),
            )

    def test_requests_are_seen_by_their_delegates_and_readers_of_everything(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        found = accepted(meeting, people["haikou"], people["ocean"])
        for name, sees in (
            ("office", True),
            ("ministry", True),
            ("unit-haikou", True),
            ("unit-shanghai", True),
            ("shanghai", True),
            ("hunan", False),
        ):
            assert (found in selectors.requests_of(user=user(name), meeting=meeting)) is sees, name


class TestSchedule:
    def test_job_places_requests_without_double_booking_and_explains_the_rest(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        slots(meeting, count=2, tables=1)
        p = people
        for a, b in (
            ("haikou", "ocean"),
            ("haikou", "zj"),
            ("ocean", "zj"),
            ("hunan", "tianfu"),
            ("haikou", "tianfu"),
        ):
            accepted(meeting, p[a], p[b])
        run = schedule(meeting)
        assert run.placed == 2 and run.requests == 5  # two slots with one table each
        assert_no_double_booking(meeting)
        assert len(run.unplaced) == 3 and all(
            u["code"] in {"slots_taken", "cap_reached"} for u in run.unplaced
        )

    def test_re_running_keeps_locked_meetings(self, meeting: Any, people: dict[str, Any]) -> None:
        slots(meeting, count=3, tables=2)
        p = people
        for a, b in (("haikou", "ocean"), ("zj", "hunan"), ("ocean", "zj")):
            accepted(meeting, p[a], p[b])
        schedule(meeting)
        placement = (
            SessionMeeting.objects.filter(slot__meeting=meeting)
            .order_by("-slot__starts_at")
            .first()
        )
        services.lock_meeting(placement=placement, locked=True, actor=user("office"))
        accepted(meeting, p["haikou"], p["zj"])
        run = schedule(meeting)
        again = SessionMeeting.objects.get(request=placement.request)
        assert (again.slot_id, again.table, again.locked) == (
            placement.slot_id,
            placement.table,
            True,
        )
        assert run.locked == 1 and run.placed == 4
        assert_no_double_booking(meeting)

    def test_after_publishing_a_change_notifies_the_delegates_it_touches(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        slots(meeting, count=2, tables=2)
        accepted(meeting, people["haikou"], people["ocean"])
        schedule(meeting)
        services.publish_schedule(meeting=meeting, actor=user("office"))
        accepted(meeting, people["hunan"], people["zj"])
        names = ("unit-haikou", "unit-shanghai", "hunan")
        before, counts = (
            placements(meeting),
            {n: notifications.unread_count(user(n)) for n in names},
        )
        schedule(meeting)
        after = placements(meeting)
        moved = {rid for rid in before.keys() | after.keys() if before.get(rid) != after.get(rid)}
        touched = {
            d.user.username
            for r in MeetingRequest.objects.filter(pk__in=moved)
            for d in (r.requester, r.invitee)
            if d.user_id
        }
        assert "hunan" in touched  # the new meeting
        for name in names:
            assert notifications.unread_count(user(name)) == counts[name] + (name in touched), name

    def test_without_slots_the_run_is_refused(self, meeting: Any) -> None:
        with pytest.raises(Conflict):
            services.start_schedule(meeting=meeting, actor=user("office"))

    def test_personal_schedule_lists_only_their_meetings(
        self, meeting: Any, people: dict[str, Any]
    ) -> None:
        slots(meeting, count=2, tables=2)
        accepted(meeting, people["haikou"], people["ocean"])
        accepted(meeting, people["hunan"], people["zj"])
        schedule(meeting)
        mine = selectors.delegate_schedule(user=user("unit-haikou"), delegate=people["haikou"])
        assert [m.request.invitee.name for m in mine] == ["李申"]
