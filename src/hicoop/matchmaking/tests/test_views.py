from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from hicoop.cooperation.models import CooperationItem
from hicoop.core.actors import OPERATOR
from hicoop.core.testing import api_client, party, user
from hicoop.matchmaking import services
from hicoop.matchmaking.choices import InterestStatus
from hicoop.matchmaking.models import Interest, MatchRun

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def login(name: str) -> Client:
    client = Client()
    client.force_login(user(name))
    return client


class TestPages:
    def test_owner_runs_a_coalition_from_the_demand_page(self, demand):
        client = login("unit-haikou")
        page = client.get(f"/demands/{demand.pk}/").content.decode()
        assert 'id="find-partners"' in page
        response = client.post(
            f"/matching/demands/{demand.pk}/run/", {"mode": "many_to_one", "max_partners": "3"}
        )
        run = MatchRun.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(
            f"/matching/runs/{run.pk}/"
        )
        body = client.get(f"/matching/runs/{run.pk}/").content.decode()
        assert "智能投喂控制" in body and "coalition-summary" in body
        assert "deep-sea" not in body  # stored field codes are shown by name

    def test_outsider_gets_no_run_and_a_message(self, demand):
        response = login("hunan").post(
            f"/matching/demands/{demand.pk}/run/", {"mode": "point_to_point", "k": "5"}, follow=True
        )
        assert not MatchRun.objects.exists()
        assert response.status_code == 200

    def test_interest_answer_loop_through_pages(self, demand):
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        top = run.candidates.get(rank=1)
        assert (
            login("unit-haikou")
            .post(f"/matching/candidates/{top.pk}/interest/", {"message": "盼合作"})
            .status_code
            == 302
        )
        interest = Interest.objects.get()
        received = login("unit-shanghai").get("/matching/interests/?box=received").content.decode()
        assert f'id="answer-{interest.pk}"' in received
        declined = login("unit-shanghai").post(
            f"/matching/interests/{interest.pk}/answer/",
            {"answer": "decline", "reason": ""},
            follow=True,
        )
        assert declined.status_code == 200
        interest.refresh_from_db()
        assert interest.status == InterestStatus.SENT  # no reason given: nothing changed
        response = login("unit-shanghai").post(
            f"/matching/interests/{interest.pk}/answer/", {"answer": "accept"}
        )
        interest.refresh_from_db()
        assert interest.status == InterestStatus.ACCEPTED
        assert response["Location"].endswith(f"/cooperation/items/{interest.item_id}/")

    def test_next_after_withdrawing_stays_on_this_site(self, demand):
        # given two interests the owner sent
        owner = login("unit-haikou")
        run = services.run_point_to_point(demand=demand, actor=OPERATOR, on=TODAY)
        first, second = run.candidates.filter(rank__in=[1, 2]).order_by("rank")
        for candidate in (first, second):
            services.express_interest(
                demand=demand,
                partner=candidate.partner,
                candidate=candidate,
                actor=user("unit-haikou"),
            )
        sent = list(Interest.objects.order_by("pk"))
        # when withdrawing one asks to go on to another site, the other to a page of this one
        evil = owner.post(
            f"/matching/interests/{sent[0].pk}/withdraw/", {"next": "https://evil.example/x"}
        )
        local = owner.post(f"/matching/interests/{sent[1].pk}/withdraw/", {"next": "/matching/"})
        # then the foreign address is ignored and the local one followed
        assert evil.status_code == local.status_code == 302
        assert evil["Location"] == "/matching/interests/?box=sent"
        assert local["Location"] == "/matching/"
        assert {i.status for i in Interest.objects.all()} == {InterestStatus.WITHDRAWN}

    def test_batch_is_offered_to_the_joint_office_only(self, demand):
        assert 'id="run-batch"' in login("office").get("/matching/").content.decode()
        assert 'id="run-batch"' not in login("shanghai").get("/matching/").content.decode()
        login("shanghai").post("/matching/batch/", {})
        assert not MatchRun.objects.exists()
        login("office").post("/matching/batch/", {})
        assert MatchRun.objects.get().mode == "one_to_one"


class TestApi:
    def test_run_and_answer(self, demand):
        created = api_client("unit-haikou").post(
            "/api/v1/match-runs/",
            {"mode": "point_to_point", "demand": demand.pk, "k": 3},
            format="json",
        )
        assert created.status_code == 201
        body = created.json()
        assert len(body["candidates"]) == 3 and body["candidates"][0]["reasons"]["evidence"]
        candidate = body["candidates"][0]["id"]
        interest = api_client("unit-haikou").post(
            "/api/v1/interests/", {"candidate": candidate}, format="json"
        )
        assert interest.status_code == 201
        wrong = api_client("unit-shanghai").post(
            f"/api/v1/interests/{interest.json()['id']}/answer/",
            {"accept": False, "reason": "meh"},
            format="json",
        )
        assert wrong.status_code == 400 and "reason" in wrong.json()["details"]
        ok = api_client("unit-shanghai").post(
            f"/api/v1/interests/{interest.json()['id']}/answer/",
            {"accept": False, "reason": "not_relevant"},
            format="json",
        )
        assert ok.json()["status"] == "declined"
        feedback = api_client("office").get("/api/v1/interests/feedback/").json()
        assert feedback[0]["reason"] == "not_relevant"

    def test_missing_demand_is_a_clear_400(self, supply):
        response = api_client("office").post(
            "/api/v1/match-runs/", {"mode": "many_to_one"}, format="json"
        )
        assert response.status_code == 400 and "demand" in response.json()["details"]


class TestCommand:
    def test_point_interest_and_answer(self, demand):
        out = io.StringIO()
        call_command("match", "coalition", str(demand.pk), stdout=out)
        assert "covers:" in out.getvalue()
        run = MatchRun.objects.get()
        member = run.candidates.filter(selected=True).order_by("rank").first()
        call_command("match", "interest", str(member.pk), "--user", "unit-haikou", stdout=out)
        interest = Interest.objects.get()
        call_command("match", "answer", str(interest.pk), "--accept", stdout=out)
        assert "item HZ" in out.getvalue()
        assert CooperationItem.objects.get().mode == "many_to_one"

    def test_errors_are_clear(self, demand):
        with pytest.raises(CommandError, match="没有编号为 999999 的需求"):
            call_command("match", "point", "999999")
        with pytest.raises(CommandError, match=r"joint office|联合办公室"):
            call_command("match", "batch", "--user", "hunan")
        assert party("hunan")  # scope of the refused user is unchanged


class TestEverydayReading:
    """Issue 10: the acceptance note is shown; a run reads as words, not codes or bigrams."""

    def test_acceptance_note_shown_on_item_and_lists(self, demand):
        run = services.run_point_to_point(demand=demand, actor=None, on=TODAY)
        top = run.candidates.get(rank=1)
        login("unit-haikou").post(f"/matching/candidates/{top.pk}/interest/", {"message": "盼合作"})
        interest = Interest.objects.get()
        login("unit-shanghai").post(
            f"/matching/interests/{interest.pk}/answer/",
            {"answer": "accept", "note": "下周安排技术对接会"},
        )
        interest.refresh_from_db()
        assert interest.status == InterestStatus.ACCEPTED
        item_page = login("unit-haikou").get(f"/cooperation/items/{interest.item_id}/")
        assert "下周安排技术对接会" in item_page.content.decode()
        sent = login("unit-haikou").get("/matching/interests/?box=sent").content.decode()
        assert "下周安排技术对接会" in sent

    def test_run_page_shows_words_and_a_formula_for_people(self, demand):
        run = services.run_coalition(demand=demand, actor=None, on=TODAY, max_partners=3)
        body = login("unit-haikou").get(f"/matching/runs/{run.pk}/").content.decode()
        assert "bm25" not in body and "cos_qr" not in body and "subset-dp" not in body
        terms = [
            t
            for block in body.split('class="matched-terms">')[1:]
            for t in block.split("</span>")[0].split("、")
            if t != "—"
        ]
        assert terms, "some matched terms are shown"
        assert all(len(t) >= 2 for t in terms), terms
        assert "智能投喂控制" in terms or "水下视觉识别" in terms or "深远海" in terms, terms

    def test_interest_notices_received_accepted_declined(self, demand):
        from hicoop.core.models import Notification

        run = services.run_point_to_point(demand=demand, actor=None, on=TODAY)
        first, second = run.candidates.get(rank=1), run.candidates.get(rank=2)
        owner = login("unit-haikou")
        for c in (first, second):
            owner.post(f"/matching/candidates/{c.pk}/interest/", {"message": "盼合作"})
        received = Notification.objects.filter(kind="matchmaking.interest_received")
        assert received.exists() and not received.filter(recipient=user("unit-haikou")).exists()
        a, b = Interest.objects.order_by("pk")
        for interest, answer in ((a, {"answer": "accept"}), (b, {"answer": "decline"})):
            partner = Notification.objects.filter(
                kind="matchmaking.interest_received", target_id=interest.pk
            ).first()
            assert partner is not None, "the partner's people were told"
            services.respond_interest(
                interest=interest,
                actor=partner.recipient,
                accept=answer["answer"] == "accept",
                on=TODAY,
                reason="" if answer["answer"] == "accept" else "no_capacity",
            )
        kinds = set(
            Notification.objects.filter(recipient=user("unit-haikou")).values_list(
                "kind", flat=True
            )
        )
        assert {"matchmaking.interest_accepted", "matchmaking.interest_declined"} <= kinds
