"""Two-sided agreement of cooperation items (issue 11, ADR 0047)."""

from __future__ import annotations

import pytest
from django.utils import translation

from hicoop.cooperation import services
from hicoop.cooperation.choices import ItemStatus
from hicoop.cooperation.tests.factories import TODAY, make_item
from hicoop.cooperation.workspace import todos
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import Notification
from hicoop.core.testing import api_client, user
from hicoop.core.workflow import TransitionNotAllowed, event_labels, events_of

pytestmark = pytest.mark.django_db


def agree(item, name, **kwargs):
    return services.agree_item(item=item, actor=user(name), **kwargs)


def status_changes(item):
    return [e for e in events_of(item) if e.from_status and e.from_status != e.to_status]


class TestOneSideAlone:
    def test_one_side_agreeing_leaves_the_item_proposed_and_tells_the_other_side(self):
        item = make_item()
        agree(item, "unit-haikou")
        item.refresh_from_db()
        assert item.status == ItemStatus.PROPOSED
        given = services.agreements_of(item)
        assert list(given) == ["hainan"] and given["hainan"].agreed_by == user("unit-haikou")
        consent = events_of(item).get(action="agree_hainan")
        assert consent.actor == user("unit-haikou") and consent.to_status == "proposed"
        with translation.override("zh-hans"):
            assert event_labels(consent)["action"] == "海南方已同意"
        told = Notification.objects.filter(kind="cooperation.item_awaits_agreement")
        assert user("unit-shanghai") in [n.recipient for n in told]
        assert user("unit-haikou") not in [n.recipient for n in told]

    def test_the_issue_case_a_partner_cannot_agree_and_start_alone(self):
        # a partner proposes an item naming 海口高新区 as the Hainan side and runs agree and start
        item = make_item(actor=user("unit-shanghai"), hainan_parties=["mechanism:haikou-hitech"])
        services.transition_item(item=item, action="agree", actor=user("unit-shanghai"))
        with pytest.raises(TransitionNotAllowed):
            services.transition_item(item=item, action="start", actor=user("unit-shanghai"))
        item.refresh_from_db()
        assert item.status == ItemStatus.PROPOSED
        assert status_changes(item) == []
        # the park's manager agrees for the Hainan side (a manager above the party counts)
        agree(item, "haikou-park")
        services.transition_item(item=item, action="start", actor=user("unit-shanghai"))
        assert item.status == ItemStatus.IN_PROGRESS

    def test_a_side_cannot_agree_for_the_other_side(self):
        item = make_item()
        with translation.override("en"), pytest.raises(PermissionDenied) as refused:
            agree(item, "unit-haikou", side="partner")
        assert "not on the Partner side of this item" in str(refused.value.message)
        with pytest.raises(PermissionDenied) as refused_zh:
            agree(item, "unit-haikou", side="partner")
        assert "双方须各自同意" in str(refused_zh.value.message)
        with pytest.raises(PermissionDenied):
            agree(item, "hunan")  # on neither side
        agree(item, "unit-haikou")
        with pytest.raises(Conflict):
            agree(item, "unit-haikou")  # already agreed: the item waits for the partner
        assert item.agreements.count() == 1

    def test_an_unknown_side_is_a_field_error(self):
        with pytest.raises(ValidationFailed) as bad:
            agree(make_item(), "unit-haikou", side="both")
        assert "side" in bad.value.details


class TestBothSides:
    def test_both_sides_agree_then_one_status_change_naming_the_last_one(self):
        item = make_item()
        agree(item, "unit-shanghai")
        agree(item, "unit-haikou", reason="已签署协议")
        item.refresh_from_db()
        assert item.status == ItemStatus.AGREED
        [change] = status_changes(item)
        assert (change.action, change.from_status, change.to_status) == (
            "agree",
            "proposed",
            "agreed",
        )
        assert change.actor == user("unit-haikou")
        by_side = {e.action: e.actor for e in events_of(item) if e.action.startswith("agree_")}
        assert by_side == {
            "agree_hainan": user("unit-haikou"),
            "agree_partner": user("unit-shanghai"),
        }

    def test_start_needs_the_agreed_state(self):
        item = make_item()
        agree(item, "unit-haikou")
        with pytest.raises(TransitionNotAllowed):
            services.transition_item(item=item, action="start", actor=user("unit-haikou"))
        agree(item, "shanghai")  # the region's coordinator speaks for the partner unit
        services.transition_item(item=item, action="start", actor=user("unit-haikou"))
        assert item.status == ItemStatus.IN_PROGRESS

    def test_adjusting_a_proposed_item_asks_both_sides_again(self):
        item = make_item()
        agree(item, "unit-haikou")
        services.adjust_item(
            item=item, data={"title": "新标题"}, actor=user("unit-haikou"), year=2026, reason="改名"
        )
        assert item.agreements.count() == 0
        agree(item, "unit-shanghai")
        item.refresh_from_db()
        assert item.status == ItemStatus.PROPOSED


class TestJointOffice:
    def test_the_office_agrees_for_both_sides_only_with_a_reason(self):
        item = make_item()
        with translation.override("zh-hans"), pytest.raises(ValidationFailed) as bad:
            agree(item, "office")
        assert "联合办公室" in bad.value.details["reason"][0]
        with translation.override("en"), pytest.raises(ValidationFailed) as bad_en:
            agree(item, "office", reason="   ")
        assert "only with a reason" in bad_en.value.details["reason"][0]
        assert item.agreements.count() == 0
        agree(item, "office", reason="双方函件确认（2026-11-20）")
        item.refresh_from_db()
        assert item.status == ItemStatus.AGREED
        rows = list(item.agreements.order_by("side"))
        assert [(a.side, a.on_behalf, a.agreed_name) for a in rows] == [
            ("hainan", True, "office"),
            ("partner", True, "office"),
        ]
        assert status_changes(item)[0].reason == "双方函件确认（2026-11-20）"

    def test_the_office_completes_what_one_side_started(self):
        item = make_item()
        agree(item, "unit-shanghai")
        agree(item, "office", reason="海南方书面确认")
        given = services.agreements_of(item)
        assert (given["partner"].on_behalf, given["hainan"].on_behalf) == (False, True)
        assert item.status == ItemStatus.AGREED


class TestWorkspace:
    def test_the_waiting_side_sees_the_item_to_agree(self):
        item = make_item()
        assert [t.title for t in todos(user("unit-haikou"), TODAY)] == [item.title]
        agree(item, "unit-haikou")
        assert todos(user("unit-haikou"), TODAY) == []
        waiting = todos(user("unit-shanghai"), TODAY)
        assert [t.title for t in waiting] == [item.title]
        with translation.override("en"):
            assert "Partner side" in todos(user("unit-shanghai"), TODAY)[0].detail


class TestApi:
    def test_each_side_agrees_through_the_api(self):
        item = make_item()
        url = f"/api/v1/items/{item.pk}/agree/"
        first = api_client("unit-haikou").post(url, {}, format="json")
        assert first.status_code == 200
        assert first.json()["status"] == "proposed" and first.json()["awaiting_sides"] == [
            "partner"
        ]
        other = api_client("unit-haikou").post(url, {"side": "partner"}, format="json")
        assert other.status_code == 403 and other.json()["code"] == "permission_denied"
        office = api_client("office").post(url, {}, format="json")
        assert office.status_code == 400 and "reason" in office.json()["details"]
        done = api_client("unit-shanghai").post(url, {}, format="json").json()
        assert done["status"] == "agreed" and done["awaiting_sides"] == []
        assert [a["side"] for a in done["agreements"]] == ["hainan", "partner"]
        assert done["agreements"][1]["agreed_name"] == "unit-shanghai"


class TestPage:
    def page(self, client, item):
        return client.get(f"/cooperation/items/{item.pk}/").content.decode()

    def test_each_side_agrees_on_the_item_page(self):
        from django.test import Client

        item = make_item()
        hainan = Client()
        hainan.force_login(user("unit-haikou"))
        assert 'id="action-agree"' in self.page(hainan, item)
        done = hainan.post(f"/cooperation/items/{item.pk}/do/agree/", follow=True)
        text = done.content.decode()
        agreement = text.split('id="agreement"')[1].split("</dd>")[0]
        assert "unit-haikou" in agreement and "等待同意" in agreement
        assert 'id="action-agree"' not in text  # their side agreed; the button is gone
        assert "海南方已同意" in text.split('id="timeline"')[1]
        office = Client()
        office.force_login(user("office"))
        page = self.page(office, item)
        assert 'id="agree-reason"' in page
        refused = office.post(f"/cooperation/items/{item.pk}/do/agree/", follow=True)
        assert "联合办公室" in refused.content.decode()
        item.refresh_from_db()
        assert item.status == ItemStatus.PROPOSED
        office.post(f"/cooperation/items/{item.pk}/do/agree/", {"reason": "合作方函件确认"})
        item.refresh_from_db()
        assert item.status == ItemStatus.AGREED
