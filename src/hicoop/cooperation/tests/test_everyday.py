"""Issue 10: a notification for each kind, the workspace home, the joint office's reminder (催报)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from hicoop.cooperation.models import CooperationItem
from hicoop.cooperation.services.reminders import remind_report, send_report_notices
from hicoop.cooperation.tests.factories import TODAY, make_item
from hicoop.core.actors import SCHEDULER
from hicoop.core.exceptions import Conflict, PermissionDenied
from hicoop.core.models import Notification
from hicoop.core.testing import user
from hicoop.listings import services as listings
from hicoop.listings.tests.conftest import make_demand

pytestmark = pytest.mark.django_db


def kinds_for(username: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user(username)).values_list("kind", flat=True)
    )


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


class TestListingNotices:
    def test_published_and_returned_reach_the_owner_not_the_office(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        listings.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
        listings.transition_listing(
            listing=demand, action="return", actor=user("office"), reason="请补充预算"
        )
        assert kinds_for("unit-haikou") == ["listings.returned"]
        listings.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
        listings.transition_listing(listing=demand, action="publish", actor=user("office"))
        assert sorted(kinds_for("unit-haikou")) == ["listings.published", "listings.returned"]
        assert kinds_for("office") == []
        page = client_for("unit-haikou").get("/notifications/").content.decode()
        assert "请补充预算" in page


class TestCooperationNotices:
    def test_item_agreed_tells_both_sides(self) -> None:
        make_item(actor=user("office"), status_path=("agree",))
        assert "cooperation.item_agreed" in kinds_for("unit-haikou")
        assert "cooperation.item_agreed" in kinds_for("unit-shanghai")

    def test_version_adjusted_by_a_decision(self) -> None:
        from hicoop.cooperation import services

        item = make_item(actor=user("office"), status_path=("agree",))
        services.adjust_item(
            item=item,
            data={"goals": "调整后的目标"},
            actor=user("office"),
            year=2027,
            reason="年度推进会决定",
            decision_ref="2026年推进会决定第3项",
        )
        found = Notification.objects.filter(
            recipient=user("unit-haikou"), kind="cooperation.version_adjusted"
        ).get()
        assert "2026年推进会决定第3项" in str(found.params)

    def _running_item(self, started: dt.date) -> CooperationItem:
        item = make_item(actor=user("office"), status_path=("agree", "start"))
        CooperationItem.objects.filter(pk=item.pk).update(
            status_changed_at=timezone.make_aware(dt.datetime.combine(started, dt.time(9)))
        )
        return CooperationItem.objects.get(pk=item.pk)

    def test_report_due_soon_then_overdue_once_per_cycle(self) -> None:
        item = self._running_item(TODAY - dt.timedelta(days=85))  # due in 5 days (90-day cycle)
        assert send_report_notices(on=TODAY, actor=SCHEDULER) >= 1
        assert "cooperation.report_due" in kinds_for("unit-haikou")
        assert send_report_notices(on=TODAY, actor=SCHEDULER) == 0  # once per cycle
        later = TODAY + dt.timedelta(days=10)
        send_report_notices(on=later, actor=SCHEDULER)
        assert "cooperation.report_overdue" in kinds_for("unit-haikou")
        assert item.pk

    def test_office_reminds_the_units_of_an_overdue_report(self) -> None:
        item = self._running_item(TODAY - dt.timedelta(days=120))
        with pytest.raises(PermissionDenied):
            remind_report(record=item, actor=user("shanghai"), on=TODAY)
        inbox = client_for("office").get("/cooperation/inbox/").content.decode()
        assert f'id="remind-item-{item.pk}"' in inbox
        response = client_for("office").post(
            f"/cooperation/remind/item/{item.pk}/", {"note": "请于本周内提交"}, follow=True
        )
        assert response.status_code == 200
        notice = Notification.objects.get(
            recipient=user("unit-haikou"), kind="cooperation.report_reminder"
        )
        assert "请于本周内提交" in notice.params["note"] and notice.actor_name == "office"

    def test_no_reminder_when_nothing_is_overdue(self) -> None:
        item = self._running_item(TODAY - dt.timedelta(days=5))
        with pytest.raises(Conflict):
            remind_report(record=item, actor=user("office"), on=TODAY)


class TestWorkspace:
    def test_home_lists_what_waits_and_own_records(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        listings.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
        office = client_for("office").get("/").content.decode()
        assert 'id="todos"' in office and demand.title in office  # waiting for review
        listings.transition_listing(
            listing=demand, action="return", actor=user("office"), reason="请补充预算"
        )
        home = client_for("unit-haikou").get("/").content.decode()
        todos = home.split('id="todos"')[1].split('id="recent-changes"')[0]
        assert demand.title in todos and "请补充预算" in todos
        assert demand.title in home.split('id="section-own-records"')[1]
        assert "请补充预算" in home.split('id="recent-changes"')[1]
