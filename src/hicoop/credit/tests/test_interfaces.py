"""Pages and API: scoping, masking, the explanation, clear errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from hicoop.core.testing import api_client, user
from hicoop.credit import services
from hicoop.credit.tests.conftest import TODAY, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(worker: Any, office: Any) -> Any:
    return services.record_event(
        subject=worker,
        kind_code="overstay",
        occurred_on=dt.date(2026, 9, 1),
        description="签证到期后逾期居留",
        actor=office,
        evidence=[pdf()],
        on=TODAY,
    )


def test_api_subjects_scoped_and_masked(recorded: Any, worker: Any, employer: Any) -> None:
    office = api_client("office").get("/api/v1/credit/subjects/").json()
    rows = {r["id"]: r for r in office["results"]}
    assert rows[worker.pk]["identifier"] == worker.identifier and rows[worker.pk]["grade"] == "C"
    assert rows[worker.pk]["score"] == 70
    mine = api_client("unit-shanghai").get("/api/v1/credit/subjects/").json()["results"]
    masked = next(r for r in mine if r["id"] == worker.pk)
    assert masked["identifier"] != worker.identifier and masked["birth_date"] is None
    assert api_client("unit-haikou").get("/api/v1/credit/subjects/").json()["results"] == []
    events = api_client("unit-shanghai").get(f"/api/v1/credit/events/?subject={worker.pk}").json()
    assert [e["kind"] for e in events["results"]] == ["overstay"]
    assert api_client("unit-haikou").get("/api/v1/credit/events/").json()["results"] == []


def test_api_explanation_adds_up_and_errors_are_clear(recorded: Any, worker: Any) -> None:
    client = api_client("office")
    body = client.get(f"/api/v1/credit/subjects/{worker.pk}/?on=2026-11-29").json()
    explanation = body["explanation"]
    assert explanation["adds_up"] and explanation["score"] == 70
    assert explanation["base"] + sum(x["counted"] for x in explanation["lines"]) == 70
    bad = client.get(f"/api/v1/credit/subjects/{worker.pk}/?on=yesterday")
    assert bad.status_code == 400 and bad.json()["code"]
    refused = api_client("unit-shanghai").post(
        "/api/v1/credit/events/",
        {
            "subject": worker.pk,
            "kind": "late-report",
            "occurred_on": "2026-11-01",
            "description": "x",
        },
        format="json",
    )
    assert refused.status_code == 403
    made = client.post(
        "/api/v1/credit/events/",
        {
            "subject": worker.pk,
            "kind": "late-report",
            "occurred_on": "2026-11-01",
            "description": "逾期",
        },
        format="json",
    )
    assert made.status_code == 201 and made.json()["points"] == -5
    missing = client.post(
        "/api/v1/credit/events/",
        {"subject": worker.pk, "kind": "overstay", "occurred_on": "2026-11-01", "description": "x"},
        format="json",
    )
    assert missing.status_code == 400 and "evidence" in missing.json()["details"]


def test_pages_and_public_list(recorded: Any, worker: Any) -> None:
    client = Client()
    client.force_login(user("office"))
    page = client.get(f"/credit/{worker.pk}/")
    assert page.status_code == 200 and "SMITH John" in page.content.decode()
    assert client.get("/credit/").status_code == 200
    outsider = Client()
    outsider.force_login(user("unit-haikou"))
    assert outsider.get(f"/credit/{worker.pk}/").status_code == 404
    public = Client().get("/credit/public/").content.decode()
    assert "非法居留" in public and "SMITH John" not in public and "出境入境管理法" in public
    # Registration shows near matches before registering
    form = client.post(
        "/credit/new/",
        {
            "kind": "worker",
            "identifier": "T460000202600999",
            "name": "John SMITH",
            "nationality": "英国",
            "birth_date": "1985-03-14",
        },
    )
    assert form.status_code == 200 and "near-matches" in form.content.decode()


def test_api_objection_overturns_the_event(recorded: Any, worker: Any) -> None:
    mine = api_client("unit-shanghai")
    made = mine.post(
        f"/api/v1/credit/events/{recorded.pk}/objections/", {"reason": "签证已续签"}, format="json"
    )
    assert made.status_code == 201 and made.json()["status"] == "submitted"
    pk = made.json()["id"]
    assert (
        mine.post(f"/api/v1/credit/objections/{pk}/review/", {}, format="json").status_code == 403
    )
    office = api_client("office")
    review = office.post(f"/api/v1/credit/objections/{pk}/review/", {}, format="json")
    assert review.status_code == 200
    no_reason = office.post(f"/api/v1/credit/objections/{pk}/uphold/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["details"]
    done = office.post(
        f"/api/v1/credit/objections/{pk}/uphold/", {"reason": "续签材料属实"}, format="json"
    )
    assert done.json()["status"] == "upheld"
    body = office.get(f"/api/v1/credit/subjects/{worker.pk}/").json()
    assert body["grade"] == "A" and body["explanation"]["lines"][0]["state"] == "overturned"
    hidden = api_client("unit-haikou").post(
        f"/api/v1/credit/events/{recorded.pk}/objections/", {"reason": "x"}, format="json"
    )
    assert hidden.status_code == 404


def test_catalogue_page_and_the_expiry_job(worker: Any, office: Any) -> None:
    from hicoop.core.jobs import enqueue, run_job
    from hicoop.core.jobs.registry import PERIODIC
    from hicoop.core.models import Job

    client = Client()
    client.force_login(office)
    page = client.get("/credit/catalogue/").content.decode()
    assert "非法聘用外国人" in page and "出境入境管理法" in page
    assert PERIODIC["credit.expire"].daily_at == "01:10"
    event = services.record_event(
        subject=worker,
        kind_code="late-report",
        occurred_on=dt.date(2025, 1, 2),
        description="逾期报告",
        actor=office,
        on=dt.date(2025, 6, 1),
    )
    job = enqueue(kind="credit.expire", actor=office)
    run_job(job.pk, worker="test")
    job = Job.objects.get(pk=job.pk)
    event.refresh_from_db()
    worker.refresh_from_db()
    assert job.result["expired"] == 1 and event.status == "expired" and worker.score == 100


def test_api_registration_screens_first(worker: Any) -> None:
    client = api_client("office")
    data = {
        "kind": "worker",
        "identifier": "T460000202600777",
        "name": "John Smith",
        "nationality": "英国",
        "birth_date": "1985-03-14",
    }
    near = client.post("/api/v1/credit/subjects/", data, format="json")
    assert near.status_code == 409
    assert near.json()["details"]["near_matches"][0]["id"] == worker.pk
    made = client.post("/api/v1/credit/subjects/", {**data, "confirmed": True}, format="json")
    assert made.status_code == 201 and made.json()["grade"] == "A"
    refused = api_client("unit-shanghai").post("/api/v1/credit/subjects/", data, format="json")
    assert refused.status_code == 403
