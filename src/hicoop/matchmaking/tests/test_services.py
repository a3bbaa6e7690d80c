from __future__ import annotations

import datetime as dt

import pytest

from hicoop.cooperation.choices import ItemStatus, Origin
from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.testing import party, user
from hicoop.core.workflow import events_of
from hicoop.listings.choices import ListingStatus
from hicoop.matchmaking import adapter, services
from hicoop.matchmaking.choices import InterestStatus, RunMode

TODAY = dt.date(2026, 11, 24)
pytestmark = pytest.mark.django_db


class TestPointToPoint:
    def test_ranked_partners_with_reasons_and_no_hainan_owner(self, demand):
        run = services.run_point_to_point(demand=demand, actor=user("unit-haikou"), on=TODAY, k=5)
        candidates = list(run.candidates.order_by("rank"))
        names = [c.partner.name for c in candidates]
        assert names[0] == "上海深蓝海洋工程研究所（示例）"
        assert "成都天府国际生物城" not in names[:3]
        best = candidates[0].reasons["evidence"][0]
        assert "智能投喂控制" in best["matched_terms"] or "投喂" in "".join(best["matched_terms"])
        assert best["fields_in_common"] == ["deep-sea"]
        assert run.engine_version and run.weights["lexical"] == 1.0 and run.inputs["records"] == 4
        assert all(not c.partner.path.startswith(party("hainan").path) for c in candidates)

    def test_an_outsider_cannot_run_on_someone_elses_demand(self, demand):
        with pytest.raises(PermissionDenied):
            services.run_point_to_point(demand=demand, actor=user("hunan"), on=TODAY)

    def test_incremental_index_sees_a_withdrawn_record_gone(self, demand, supply):
        services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        from hicoop.listings import services as listings

        listings.transition_listing(listing=supply[0], action="close", actor=OPERATOR)
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        assert run.inputs["records_removed_since_last_run"] == 1 and run.inputs["records"] == 3
        assert "上海深蓝海洋工程研究所（示例）" not in [
            c.partner.name for c in run.candidates.all()
        ]


class TestCoalition:
    def test_covers_each_requirement_with_a_partner(self, demand):
        run = services.run_coalition(demand=demand, actor=user("office"), on=TODAY, max_partners=3)
        members = {c.partner.name: c.covers for c in run.candidates.filter(selected=True)}
        covered = {
            cover["requirement"]: name for name, covers in members.items() for cover in covers
        }
        assert covered["智能投喂控制"] == "上海深蓝海洋工程研究所（示例）"
        assert covered["水质在线监测"] == "上海张江国家高新技术产业开发区"
        assert covered["深远海养殖装备"] == "湖南省"
        assert run.summary["uncovered"] == [] and run.summary["optimal"] is True

    def test_needs_two_requirements(self, demand):
        demand.required_capabilities = ["智能投喂控制"]
        demand.save()
        with pytest.raises(ValidationFailed):
            services.run_coalition(demand=demand, actor=OPERATOR, on=TODAY)


class TestBatch:
    def test_respects_capacities_and_is_for_the_joint_office(self, demand):
        from hicoop.listings import services as listings
        from hicoop.listings.choices import ListingKind
        from hicoop.matchmaking.tests.conftest import publish

        for n in range(3):
            publish(
                listings.create_listing(
                    kind=ListingKind.DEMAND,
                    data={
                        "title": f"创新药临床前研究合作{n}",
                        "owner": "demo-unit-haikou-bio",
                        "description": "需要创新药临床前研究服务。",
                        "measure": 1,
                        "mode": "one_to_one",
                        "fields": ["biomedicine"],
                    },
                    actor=OPERATOR,
                )
            )
        with pytest.raises(PermissionDenied):
            services.run_batch(actor=user("shanghai"), on=TODAY)
        run = services.run_batch(actor=user("office"), on=TODAY)
        assert run.summary["demands"] == 4 and run.summary["over_capacity"] == []
        chosen = run.candidates.filter(selected=True)
        per_partner: dict[str, int] = {}
        for c in chosen:
            per_partner[c.partner.name] = per_partner.get(c.partner.name, 0) + 1
        assert per_partner.get("成都天府国际生物城", 0) <= 3  # its capacity
        assert (
            chosen.values("demand").distinct().count() == chosen.count()
        )  # one partner per demand

    def test_items_already_carried_take_capacity(self, demand):
        services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        tianfu = party("tianfu-bio")
        from hicoop.listings import services as listings
        from hicoop.listings.choices import ListingKind
        from hicoop.matchmaking.tests.conftest import publish

        made = [
            publish(
                listings.create_listing(
                    kind=ListingKind.DEMAND,
                    data={
                        "title": f"创新药临床前研究外包{n}",
                        "owner": "demo-unit-haikou-bio",
                        "description": "需要创新药临床前研究服务。",
                        "measure": 1,
                        "mode": "one_to_one",
                        "fields": ["biomedicine"],
                    },
                    actor=OPERATOR,
                )
            )
            for n in range(5)
        ]
        for other in made[:2]:  # two of 天府's three slots are taken by accepted matches
            interest = services.express_interest(demand=other, partner=tianfu, actor=OPERATOR)
            services.respond_interest(interest=interest, actor=OPERATOR, accept=True, on=TODAY)
        run = services.run_batch(actor=user("office"), on=TODAY)
        assert run.summary["capacity_already_used"] == {tianfu.name: 2}
        # three open biomedicine demands, declared capacity 3, two slots carried: one left
        chosen = run.candidates.filter(selected=True, partner=tianfu)
        assert chosen.count() == 1 and chosen.get().reasons["capacity"] == 1


class TestInterestLoop:
    def test_accept_by_both_creates_an_agreed_item(self, demand):
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        top = run.candidates.get(rank=1)
        interest = services.express_interest(
            demand=demand,
            partner=top.partner,
            candidate=top,
            actor=user("unit-haikou"),
            message="请联系",
        )
        with pytest.raises(Conflict):
            services.express_interest(demand=demand, partner=top.partner, actor=user("unit-haikou"))
        with pytest.raises(PermissionDenied):
            services.respond_interest(interest=interest, actor=user("hunan"), accept=True, on=TODAY)
        services.respond_interest(
            interest=interest, actor=user("unit-shanghai"), accept=True, on=TODAY
        )
        item = interest.item
        assert item.status == ItemStatus.AGREED and item.origin == Origin.MATCH
        assert item.source_demand == demand and item.partner_parties == [top.partner]
        demand.refresh_from_db()
        assert demand.status == ListingStatus.MATCHED

    def test_acceptance_is_attributed_to_the_partner_user_everywhere(self, demand):
        # given an interest sent by the demand's owner to the Shanghai unit
        partner = party("demo-unit-shanghai-ocean")
        interest = services.express_interest(
            demand=demand, partner=partner, actor=user("unit-haikou")
        )
        accepting = user("unit-shanghai")
        # when the partner's user accepts it
        services.respond_interest(interest=interest, actor=accepting, accept=True, on=TODAY)
        # then the interest, the created item, its agreement and the demand's change name them
        item = interest.item
        assert item.created_by == accepting
        name = accepting.get_username()
        answer = events_of(interest).get(action="accept")
        agreement = events_of(item).get(action="agree")
        matched = events_of(demand).get(action="match")
        for event in (answer, agreement, matched, events_of(item).get(action="create")):
            assert (event.actor, event.actor_name) == (accepting, name)
        assert answer.workflow == "matchmaking.interest" and answer.to_status == "accepted"
        assert agreement.from_status == ItemStatus.PROPOSED
        assert (matched.from_status, matched.to_status) == ("published", "matched")
        assert item.versions.get(number=1).actor == accepting

    def test_decline_needs_a_fixed_reason_and_is_used_as_feedback(self, demand):
        partner = party("demo-unit-shanghai-ocean")
        interest = services.express_interest(demand=demand, partner=partner, actor=OPERATOR)
        with pytest.raises(ValidationFailed):
            services.respond_interest(
                interest=interest, actor=user("shanghai"), accept=False, reason="bored", on=TODAY
            )
        with pytest.raises(ValidationFailed):
            services.respond_interest(
                interest=interest, actor=user("shanghai"), accept=False, reason="other", on=TODAY
            )
        interest.refresh_from_db()
        assert interest.status == InterestStatus.SENT
        services.respond_interest(
            interest=interest, actor=user("shanghai"), accept=False, reason="no_capacity", on=TODAY
        )
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        assert partner not in [c.partner for c in run.candidates.all()]
        assert run.summary["excluded_by_feedback"] == [
            {"partner": partner.name, "reason": "no_capacity"}
        ]

    def test_coalition_members_join_one_item(self, demand):
        run = services.run_coalition(demand=demand, actor=OPERATOR, on=TODAY)
        members = list(run.candidates.filter(selected=True).order_by("rank"))
        items = set()
        for member in members:
            interest = services.express_interest(
                demand=demand, partner=member.partner, candidate=member, actor=OPERATOR
            )
            services.respond_interest(interest=interest, actor=OPERATOR, accept=True, on=TODAY)
            items.add(interest.item.pk)
        assert len(items) == 1
        interest.item.refresh_from_db()
        assert {p.pk for p in interest.item.partner_parties} == {m.partner_id for m in members}
        assert interest.item.mode == RunMode.MANY_TO_ONE and interest.item.versions.count() == len(
            members
        )

    def test_partners_come_from_outside_hainan(self, demand):
        with pytest.raises(ValidationFailed):
            services.express_interest(demand=demand, partner=party("yazhou-bay"), actor=OPERATOR)


def test_region_strings_are_top_level_parties(db):
    assert adapter.root_key(party("zhangjiang")) == str(party("shanghai").pk)
