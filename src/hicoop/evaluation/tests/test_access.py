"""Who sees what: the API's scores and allocations, the pages, per role; bad input is a clear
400 (never a 500); the run is a job (202)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from hicoop.core.testing import api_client, user
from hicoop.evaluation import demo, selectors
from hicoop.evaluation.models import EvaluationRun, Score
from hicoop.evaluation.services import runs

pytestmark = pytest.mark.django_db


class TestScoresApi:
    def test_office_and_coordinator_read_the_published_scores(self, demo_year: object) -> None:
        for name in ("office", "shanghai"):
            body = api_client(name).get("/api/v1/evaluation/scores/?year=2026").json()
            assert body["count"] == len(demo.LOCALITIES)
            first = body["results"][0]
            assert first["rank"] == 1 and first["explanation"].startswith(first["score"])

    def test_coordinator_does_not_see_a_draft_run(self, demo_year: object) -> None:
        run = runs.run_now(year=demo.YEAR, actor=user("office"))
        assert run.status == "draft"
        assert selectors.current_run(user=user("office"), year=2026) == run
        assert selectors.current_run(user=user("shanghai"), year=2026) != run

    def test_anonymous_is_refused(self, demo_year: object) -> None:
        assert api_client().get("/api/v1/evaluation/scores/?year=2026").status_code in (401, 403)

    @pytest.mark.parametrize("year", ["", "abc", "1999", "20260"])
    def test_bad_year_is_a_clear_400(self, demo_year: object, year: str) -> None:
        response = api_client("office").get(f"/api/v1/evaluation/scores/?year={year}")
        assert response.status_code == 400 and response.json()["code"] == "validation_error"


class TestAllocationsApi:
    def test_adopted_shares_sum_to_the_pot(self, demo_year: object) -> None:
        body = api_client("hunan").get("/api/v1/evaluation/allocations/?year=2026").json()
        assert sum(r["fen"] for r in body["results"]) == int(demo.POT * 1_000_000)
        assert sum(Decimal(r["wan"]) for r in body["results"]) == demo.POT


class TestRunApi:
    def test_office_starts_a_job(self, demo_year: object) -> None:
        response = api_client("office").post(
            "/api/v1/evaluation/runs/", {"year": 2026}, format="json"
        )
        assert response.status_code == 202

    def test_coordinator_may_not(self, demo_year: object) -> None:
        response = api_client("shanghai").post(
            "/api/v1/evaluation/runs/", {"year": 2026}, format="json"
        )
        assert response.status_code == 403


class TestPages:
    def _client(self, name: str) -> Client:
        client = Client()
        client.force_login(user(name))
        return client

    def test_coordinator_sees_own_scorecard_not_others(self, demo_year: object) -> None:
        run = EvaluationRun.objects.get(year=2026, is_demo=True)
        client = self._client("shanghai")
        own = Score.objects.get(run=run, locality__name="上海市")
        other = Score.objects.get(run=run, locality__name="湖南省")
        page = client.get(f"/evaluation/runs/{run.pk}/localities/{own.locality_id}/")
        assert page.status_code == 200 and own.explanation.split(" = ")[0] in page.content.decode()
        assert (
            client.get(f"/evaluation/runs/{run.pk}/localities/{other.locality_id}/").status_code
            == 404
        )
        # the reported values drill down to the locked data set they came from
        assert "/evaluation/datasets/" in page.content.decode()

    @pytest.mark.parametrize(
        "path",
        [
            "/evaluation/?year=2026",
            "/evaluation/allocations/?year=2026",
            "/evaluation/datasets/?year=2026",
            "/evaluation/commendations/?year=2026",
        ],
    )
    def test_pages_render_for_office_and_coordinator(self, demo_year: object, path: str) -> None:
        for name in ("office", "shanghai"):
            assert self._client(name).get(path).status_code == 200

    def test_office_sees_rule_without_credit_data(self, demo_year: object) -> None:
        page = self._client("office").get("/evaluation/commendations/?year=2026").content.decode()
        assert "rule-note" in page
