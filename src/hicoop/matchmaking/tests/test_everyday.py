"""Issue 10, everyday use: a partner expresses interest from a demand's page, coordinators see
the runs and interests of their region, a 多对一 demand settles once every member answered, the
coalition's coverage table, and paginated run pages (ADR 0049)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import Notification
from hicoop.core.testing import api_client, party, user
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.matchmaking import selectors, services
from hicoop.matchmaking.choices import InterestDirection, InterestStatus, RunMode
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def login(name: str, language: str = "zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    client.force_login(user(name))
    return client


def from_shanghai(demand: Any, message: str = "我们有投喂控制系统") -> Interest:
    return services.express_interest_as_partner(
        demand=demand,
        partner=party("demo-unit-shanghai-ocean"),
        actor=user("unit-shanghai"),
        message=message,
    )


class TestPartnerExpressesInterest:
    def test_partner_interest_is_answered_by_the_owner_and_creates_an_item(self, demand):
        # given the Shanghai unit expresses interest in Haikou's published demand
        interest = from_shanghai(demand)
        assert interest.direction == InterestDirection.FROM_PARTNER
        assert interest.run is None and interest.sent_by == user("unit-shanghai")
        # then the owner's people are told, not the partner's
        notice = Notification.objects.get(kind="matchmaking.partner_interest_received")
        assert notice.recipient == user("unit-haikou")
        # and the partner cannot answer its own interest, the owner can
        with pytest.raises(PermissionDenied):
            services.respond_interest(
                interest=interest, actor=user("unit-shanghai"), accept=True, on=TODAY
            )
        services.respond_interest(
            interest=interest, actor=user("unit-haikou"), accept=True, on=TODAY
        )
        interest.refresh_from_db()
        demand.refresh_from_db()
        assert interest.status == InterestStatus.ACCEPTED
        assert interest.item.partner_parties == [party("demo-unit-shanghai-ocean")]
        assert demand.status == ListingStatus.MATCHED
        # and each side's agreement names its own person: the partner sent, the owner accepted
        agreed = {a.side: a.agreed_by for a in interest.item.agreements.all()}
        assert agreed == {"partner": user("unit-shanghai"), "hainan": user("unit-haikou")}
        told = Notification.objects.get(kind="matchmaking.owner_accepted")
        assert told.recipient == user("unit-shanghai")

    def test_guards(self, demand):
        from_shanghai(demand)
        with pytest.raises(Conflict):  # one open interest per (demand, partner)
            from_shanghai(demand)
        with pytest.raises(Conflict):  # either direction
            services.express_interest(
                demand=demand, partner=party("demo-unit-shanghai-ocean"), actor=OPERATOR
            )
        with pytest.raises(ValidationFailed):  # not on one's own demand
            services.express_interest_as_partner(
                demand=demand, partner=demand.owner, actor=user("unit-haikou")
            )
        with pytest.raises(PermissionDenied):  # only for a party one works for
            services.express_interest_as_partner(
                demand=demand, partner=party("hunan"), actor=user("unit-shanghai")
            )
        with pytest.raises(ValidationFailed):
            services.express_interest_as_partner(
                demand=demand,
                partner=party("hunan"),
                actor=user("hunan"),
                message="长" * 1001,
            )

    def test_not_on_an_unpublished_demand(self, supply):
        draft = listings.create_listing(
            kind=ListingKind.DEMAND,
            data={
                "title": "草稿需求：水质监测",
                "owner": "demo-unit-haikou-bio",
                "description": "水质在线监测。",
                "measure": 1,
                "mode": "point_to_point",
                "required_capabilities": ["水质在线监测"],
                "fields": ["deep-sea"],
            },
            actor=OPERATOR,
        )
        with pytest.raises(Conflict):
            services.express_interest_as_partner(
                demand=draft, partner=party("hunan"), actor=user("hunan")
            )

    def test_the_sender_withdraws_not_the_owner(self, demand):
        interest = from_shanghai(demand)
        with pytest.raises(PermissionDenied):
            services.withdraw_interest(interest=interest, actor=user("unit-haikou"))
        services.withdraw_interest(interest=interest, actor=user("unit-shanghai"))
        assert interest.status == InterestStatus.WITHDRAWN


class TestPartnerInterestPages:
    @pytest.mark.parametrize(
        ("language", "sent", "duplicate"),
        [
            ("zh-hans", "已向", "已有待答复或已接受的合作意向"),
            ("en", "Expression of interest sent to", "is already open or accepted"),
        ],
    )
    def test_partner_sends_from_the_demand_page(self, demand, language, sent, duplicate):
        partner = login("unit-shanghai", language)
        page = partner.get(f"/demands/{demand.pk}/").content.decode()
        assert 'id="express-partner-interest"' in page
        assert (
            'id="express-partner-interest"'
            not in login("unit-haikou").get(f"/demands/{demand.pk}/").content.decode()
        )  # not on one's own demand
        posted = partner.post(
            f"/matching/demands/{demand.pk}/interest/",
            {"partner": party("demo-unit-shanghai-ocean").pk, "message": "可提供投喂控制"},
            follow=True,
        )
        assert sent in posted.content.decode()
        again = partner.post(
            f"/matching/demands/{demand.pk}/interest/",
            {"partner": party("demo-unit-shanghai-ocean").pk},
            follow=True,
        )
        assert duplicate in again.content.decode()
        interest = Interest.objects.get()
        assert interest.message == "可提供投喂控制"
        # the owner answers it in the received box; the partner sees it among the sent
        received = login("unit-haikou").get("/matching/interests/?box=received").content.decode()
        assert f'id="answer-{interest.pk}"' in received
        mine = partner.get("/matching/interests/?box=sent").content.decode()
        assert f'id="interest-{interest.pk}"' in mine and f'id="answer-{interest.pk}"' not in mine
        answered = login("unit-haikou").post(
            f"/matching/interests/{interest.pk}/answer/", {"answer": "accept"}
        )
        interest.refresh_from_db()
        assert answered["Location"].endswith(f"/cooperation/items/{interest.item_id}/")

    def test_workspace_lists_it_for_the_owner(self, demand):
        interest = from_shanghai(demand)
        home = login("unit-haikou").get("/").content.decode()
        assert f"#interest-{interest.pk}" in home

    def test_api(self, demand):
        created = api_client("unit-shanghai").post(
            "/api/v1/interests/as-partner/",
            {"demand": demand.pk, "message": "API 意向"},
            format="json",
        )
        assert created.status_code == 201 and created.json()["direction"] == "from_partner"
        again = api_client("unit-shanghai").post(
            "/api/v1/interests/as-partner/", {"demand": demand.pk}, format="json"
        )
        assert again.status_code == 409 and again.json()["message"]
        own = api_client("unit-haikou").post(
            "/api/v1/interests/as-partner/", {"demand": demand.pk}, format="json"
        )
        assert own.status_code == 400 and "partner" in own.json()["details"]
        answer = api_client("unit-haikou").post(
            f"/api/v1/interests/{created.json()['id']}/answer/",
            {"accept": False, "reason": "not_relevant"},
            format="json",
        )
        assert answer.status_code == 200 and answer.json()["status"] == "declined"


def stored_run(demand: Any, partners: list[Any], mode: str = RunMode.POINT_TO_POINT) -> MatchRun:
    run = MatchRun.objects.create(mode=mode, demand=demand, engine_version="t", formula="t")
    for rank, partner in enumerate(partners, start=1):
        MatchCandidate.objects.create(
            run=run, demand=demand, partner=partner, rank=rank, score=1.0 / rank
        )
    return run


class TestCoordinatorsSeeTheirRegion:
    def test_runs_and_interests_involving_the_subtree(self, demand):
        # given one run proposing a Shanghai unit and one proposing only Hunan
        shanghai_run = stored_run(demand, [party("demo-unit-shanghai-ocean"), party("hunan")])
        hunan_run = stored_run(demand, [party("hunan")])
        to_shanghai = services.express_interest(
            demand=demand, partner=party("zhangjiang"), actor=OPERATOR
        )
        to_hunan = services.express_interest(demand=demand, partner=party("hunan"), actor=OPERATOR)

        def runs(name: str) -> set[int]:
            return {r.pk for r in selectors.run_list(user=user(name))}

        # then each coordinator sees the runs involving their region, and nothing more
        assert runs("shanghai") == {shanghai_run.pk}
        assert runs("hunan") == {shanghai_run.pk, hunan_run.pk}
        assert runs("unit-shanghai") == set()  # units are not widened
        assert runs("office") == {shanghai_run.pk, hunan_run.pk}
        assert {i.pk for i in selectors.interest_list(user=user("shanghai"))} == {to_shanghai.pk}
        assert {i.pk for i in selectors.interest_list(user=user("hunan"))} == {to_hunan.pk}
        # on the pages and the API too
        page = login("shanghai").get("/matching/").content.decode()
        assert f"/matching/runs/{shanghai_run.pk}/" in page
        assert f"/matching/runs/{hunan_run.pk}/" not in page
        assert login("shanghai").get(f"/matching/runs/{hunan_run.pk}/").status_code == 404
        listed = api_client("shanghai").get("/api/v1/match-runs/").json()["results"]
        assert [r["id"] for r in listed] == [shanghai_run.pk]
        box = login("shanghai").get("/matching/interests/?box=received").content.decode()
        assert f'id="interest-{to_shanghai.pk}"' in box and f"interest-{to_hunan.pk}" not in box

    def test_coordinator_list_pages_do_not_grow_with_runs(self, demand):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries() -> tuple[int, int]:
            client = login("shanghai")
            with CaptureQueriesContext(connection) as runs:
                client.get("/matching/")
            with CaptureQueriesContext(connection) as interests:
                client.get("/matching/interests/?box=received")
            return len(runs), len(interests)

        ocean, zhangjiang = party("demo-unit-shanghai-ocean"), party("zhangjiang")
        stored_run(demand, [ocean])
        services.express_interest(demand=demand, partner=ocean, actor=OPERATOR)
        few = queries()
        for _ in range(5):
            stored_run(demand, [ocean, zhangjiang])
        services.express_interest(demand=demand, partner=zhangjiang, actor=OPERATOR)
        assert queries() == few


class TestCoalitionSettling:
    def test_demand_waits_for_every_member_then_settles(self, demand):
        run = services.run_coalition(demand=demand, actor=OPERATOR, on=TODAY)
        members = list(run.candidates.filter(selected=True).order_by("rank"))
        assert len(members) >= 2
        sent = [
            services.express_interest(demand=demand, partner=m.partner, candidate=m, actor=OPERATOR)
            for m in members
        ]
        services.respond_interest(interest=sent[0], actor=OPERATOR, accept=True, on=TODAY)
        demand.refresh_from_db()
        assert demand.status == ListingStatus.PUBLISHED  # the others are still pending
        for other in sent[1:]:
            services.respond_interest(
                interest=other, actor=OPERATOR, accept=False, reason="no_capacity", on=TODAY
            )
        demand.refresh_from_db()
        assert demand.status == ListingStatus.MATCHED

    def test_all_declined_leaves_it_published(self, demand):
        run = services.run_coalition(demand=demand, actor=OPERATOR, on=TODAY)
        for m in run.candidates.filter(selected=True):
            interest = services.express_interest(
                demand=demand, partner=m.partner, candidate=m, actor=OPERATOR
            )
            services.respond_interest(
                interest=interest, actor=OPERATOR, accept=False, reason="terms", on=TODAY
            )
        demand.refresh_from_db()
        assert demand.status == ListingStatus.PUBLISHED


class TestRunPage:
    def test_coverage_table_of_a_coalition(self, demand):
        run = services.run_coalition(demand=demand, actor=OPERATOR, on=TODAY)
        members = list(run.candidates.filter(selected=True).order_by("-selected", "rank"))
        body = login("unit-haikou").get(f"/matching/runs/{run.pk}/").content.decode()
        table = body[
            body.index('id="coverage-table"') : body.index("</table>", body.index("coverage-table"))
        ]
        for requirement in demand.required_capabilities:
            assert f'<th scope="row">{requirement}</th>' in table
        for m in members:
            assert m.partner.display_name in table
        covered = sum(len(m.covers) for m in members)
        assert covered >= 1 and table.count("✓") == covered

    def test_no_coverage_table_on_a_ranking(self, demand):
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        body = login("unit-haikou").get(f"/matching/runs/{run.pk}/").content.decode()
        assert "coverage-table" not in body

    def test_results_are_paginated(self, demand):
        from hicoop.parties.models import Party

        run = stored_run(demand, list(Party.objects.exclude(pk=demand.owner_id)[:25]))
        client = login("unit-haikou")
        first = client.get(f"/matching/runs/{run.pk}/").content.decode()
        second = client.get(f"/matching/runs/{run.pk}/?page=2").content.decode()
        assert first.count('class="candidate') == 20 and "page=2" in first
        assert second.count('class="candidate') == 5
        last = run.candidates.get(rank=25)
        assert f'id="candidate-{last.pk}"' in second and f'id="candidate-{last.pk}"' not in first


class TestPartnerInterestCommand:
    def test_partner_interest_and_a_clear_refusal(self, demand):
        out = io.StringIO()
        ocean = str(party("demo-unit-shanghai-ocean").pk)
        args = ["match", "partner-interest", str(demand.pk), "--partner", ocean]
        call_command(*args, "--user", "unit-shanghai", "--message", "命令行", stdout=out)
        interest = Interest.objects.get()
        assert interest.direction == InterestDirection.FROM_PARTNER
        assert f"interest {interest.pk}" in out.getvalue()
        with pytest.raises(CommandError, match="已有待答复或已接受的合作意向"):
            call_command(*args, "--user", "unit-shanghai")
        call_command("match", "answer", str(interest.pk), "--accept", stdout=out)
        assert "item HZ" in out.getvalue()
