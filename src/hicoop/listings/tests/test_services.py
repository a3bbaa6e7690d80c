"""Listing services: validation, scope, lifecycle table, expiry and renewal."""

from __future__ import annotations

import datetime as dt

import pytest

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.listings import services
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.models import Demand
from hicoop.listings.tests.conftest import make_demand, publish
from hicoop.listings.transitions import TRANSITIONS, transition_for

pytestmark = pytest.mark.django_db


class TestTransitionTable:
    def test_publish_only_from_submitted(self) -> None:
        assert transition_for("publish", "submitted") is TRANSITIONS["publish"]
        assert transition_for("publish", "draft") is None
        assert transition_for("submit", "closed") is None

    def test_every_target_is_a_status(self) -> None:
        assert {t.target for t in TRANSITIONS.values()} <= set(ListingStatus.values)


class TestCreateListing:
    def test_unit_member_creates_a_draft_with_relations(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        assert demand.status == ListingStatus.DRAFT
        assert sorted(demand.fields.values_list("code", flat=True)) == [
            "deep-sea",
            "marine-equipment",
        ]
        assert demand.preferred_regions.get().name == "上海市"
        assert " 智能 " in demand.search_tokens or " 投喂 " in demand.search_tokens

    def test_every_problem_reported_and_nothing_written(self) -> None:
        before = Demand.objects.count()
        with pytest.raises(ValidationFailed) as err:
            make_demand(
                actor=user("office"),
                owner="不存在的单位",
                measure=9,
                mode="solo",
                budget_min="500",
                budget_max="100",
                ends_on="2026-13-01",
                fields=["nope"],
            )
        assert {"owner", "measure", "mode", "fields", "ends_on"} <= set(err.value.details)
        assert Demand.objects.count() == before

    def test_budget_order_is_checked(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            make_demand(actor=user("office"), budget_min="500", budget_max="100")
        assert "budget_max" in err.value.details

    def test_demands_come_from_hainan(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            make_demand(actor=user("office"), owner="demo-unit-shanghai-ocean")
        assert "owner" in err.value.details

    def test_owner_must_be_in_scope(self) -> None:
        with pytest.raises(PermissionDenied):
            make_demand(actor=user("unit-shanghai"), owner="haikou-hitech")

    def test_registration_number_format(self) -> None:
        data = {
            "title": "耐盐碱水稻新品系",
            "owner": "demo-unit-shanghai-ocean",
            "abstract": "一种耐盐碱水稻育种方法。",
            "registration_number": "X123",
        }
        with pytest.raises(ValidationFailed) as err:
            services.create_listing(kind=ListingKind.ACHIEVEMENT, data=data, actor=OPERATOR)
        assert "registration_number" in err.value.details
        data["registration_number"] = "9312021Y0157"
        assert services.create_listing(kind=ListingKind.ACHIEVEMENT, data=data, actor=OPERATOR).pk


class TestTextAsTyped:
    def test_full_width_punctuation_is_stored_as_typed_and_still_found(self):
        # given a description typed with full-width punctuation (issue 10, item 3)
        typed = "技术指标：提取率≥85%，纯度≥95%；（益智仁）"
        demand = make_demand(
            actor=user("unit-haikou"), description=typed, title="益智仁提取（测试）"
        )
        # when it is read back / then it is exactly as typed
        assert Demand.objects.get(pk=demand.pk).description == typed
        assert Demand.objects.get(pk=demand.pk).title == "益智仁提取（测试）"
        # and an edit keeps the typed form too
        services.update_listing(
            listing=demand, data={"description": typed + "补充："}, actor=user("unit-haikou")
        )
        assert Demand.objects.get(pk=demand.pk).description == typed + "补充："


class TestLifecycle:
    def test_submit_publish_with_events(self) -> None:
        demand = publish(make_demand(actor=user("unit-haikou")))
        assert demand.status == ListingStatus.PUBLISHED
        actions = list(services.events_for(demand).values_list("action", flat=True))
        assert actions == ["publish", "submit", "create"]

    def test_only_joint_office_publishes(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        services.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
        with pytest.raises(PermissionDenied):
            services.transition_listing(listing=demand, action="publish", actor=user("haikou-park"))
        assert Demand.objects.get(pk=demand.pk).status == ListingStatus.SUBMITTED

    def test_return_needs_reason_and_keeps_it(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        services.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
        with pytest.raises(ValidationFailed):
            services.transition_listing(listing=demand, action="return", actor=user("office"))
        services.transition_listing(
            listing=demand, action="return", actor=user("office"), reason="请补充预算依据"
        )
        demand.refresh_from_db()
        assert demand.status == ListingStatus.RETURNED
        assert demand.return_reason == "请补充预算依据"

    def test_illegal_transition_is_refused(self) -> None:
        demand = make_demand(actor=user("unit-haikou"))
        with pytest.raises(services.TransitionNotAllowed):
            services.transition_listing(listing=demand, action="match", actor=user("office"))

    def test_owner_edit_of_published_record_goes_back_to_review(self) -> None:
        demand = publish(make_demand(actor=user("unit-haikou")))
        services.update_listing(
            listing=demand, data={"title": "深远海智能投喂装备联合研制"}, actor=user("unit-haikou")
        )
        assert Demand.objects.get(pk=demand.pk).status == ListingStatus.SUBMITTED


class TestExpiry:
    def test_expired_record_hidden_from_partners_until_renewed(self) -> None:
        demand = publish(
            make_demand(actor=user("unit-haikou"), starts_on="2025-01-01", ends_on="2025-06-30")
        )
        today = dt.date(2026, 11, 24)
        partner = user("unit-shanghai")
        assert not Demand.objects.visible_to(partner, on=today).filter(pk=demand.pk).exists()
        assert (
            Demand.objects.visible_to(user("unit-haikou"), on=today).filter(pk=demand.pk).exists()
        )
        with pytest.raises(ValidationFailed):
            services.renew_listing(
                listing=demand, ends_on=dt.date(2026, 1, 1), actor=user("unit-haikou"), on=today
            )
        services.renew_listing(
            listing=demand, ends_on=dt.date(2027, 6, 30), actor=user("unit-haikou"), on=today
        )
        assert Demand.objects.visible_to(partner, on=today).filter(pk=demand.pk).exists()
        assert services.events_for(demand).first().action == "renew"
