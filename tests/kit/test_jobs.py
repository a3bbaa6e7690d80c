"""The job kit: a Job row per job, progress, a clear error, recovery of jobs whose worker died,
periodic jobs once per slot, and a scoped API and page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hicoop.core.actors import LOADER
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.jobs import enqueue, job_handler, reap_stale, register_periodic, run_job, tick
from hicoop.core.jobs.registry import PERIODIC
from hicoop.core.models import Job, JobStatus
from hicoop.core.testing import api_client, user

CALLS: list[dict[str, Any]] = []


@job_handler("tests.count", label="Count")
def count_job(job: Job, progress: Any) -> dict[str, Any]:
    total = int(job.params.get("n", 3))
    for i in range(total):
        progress.update(done=i + 1, total=total, message=f"{i + 1}")
    CALLS.append(job.params)
    return {"counted": total, "url": "/done/"}


@job_handler("tests.refuse", label="Refuse")
def refuse_job(job: Job, progress: Any) -> None:
    raise ValidationFailed("这一行不对 / row 3 is wrong", details={"row 3": ["bad code"]})


@job_handler("tests.crash", label="Crash")
def crash_job(job: Job, progress: Any) -> None:
    raise RuntimeError("boom")


@pytest.mark.django_db
class TestEnqueueAndRun:
    def test_job_runs_and_stores_progress_result_and_link(self) -> None:
        job = enqueue(kind="tests.count", params={"n": 4}, actor=user("office"))
        assert job.status == JobStatus.SUCCEEDED
        assert (job.done, job.total, job.percent) == (4, 4, 100)
        assert job.result == {"counted": 4} and job.result_url == "/done/"
        assert job.actor == user("office") and job.attempts == 1

    def test_typed_error_becomes_the_jobs_clear_message(self) -> None:
        job = enqueue(kind="tests.refuse", actor=user("office"))
        assert job.status == JobStatus.FAILED
        assert "row 3 is wrong" in job.error and "bad code" in job.error

    def test_unexpected_error_is_recorded_not_lost(self) -> None:
        job = enqueue(kind="tests.crash", actor=LOADER)
        assert job.status == JobStatus.FAILED and "RuntimeError" in job.error
        assert job.actor_name == "system:loader"

    def test_unknown_kind_and_bad_params_are_refused(self) -> None:
        with pytest.raises(ValidationFailed):
            enqueue(kind="tests.nothing", actor=user("office"))
        with pytest.raises(ValidationFailed):
            enqueue(kind="tests.count", params={"x": object()}, actor=user("office"))

    def test_a_job_runs_once_however_often_it_is_delivered(self) -> None:
        job = enqueue(kind="tests.count", params={"n": 1, "tag": "once"}, actor=user("office"))
        assert run_job(job.pk) is False
        assert sum(1 for c in CALLS if c.get("tag") == "once") == 1

    def test_not_eager_hands_the_job_over_on_commit(
        self, settings: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
    ) -> None:
        settings.HICOOP_JOBS_EAGER = False
        sent: list[int] = []
        monkeypatch.setattr("hicoop.core.jobs.services.dispatch", sent.append)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            job = enqueue(kind="tests.count", actor=user("office"))
            assert sent == []  # nothing leaves before the transaction commits
        assert len(callbacks) == 1 and sent == [job.pk]
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED


@pytest.mark.django_db
class TestRecovery:
    def _running(self, attempts: int, beat_age: int) -> Job:
        return Job.objects.create(
            kind="tests.count",
            status=JobStatus.RUNNING,
            attempts=attempts,
            max_attempts=2,
            heartbeat_at=timezone.now() - dt.timedelta(seconds=beat_age),
        )

    def test_job_of_a_dead_worker_is_retried(self) -> None:
        job = self._running(attempts=1, beat_age=300)
        assert reap_stale() == 1
        job.refresh_from_db()
        assert job.status == JobStatus.SUCCEEDED and job.attempts == 2

    def test_job_that_used_its_attempts_is_marked_failed(self) -> None:
        job = self._running(attempts=2, beat_age=300)
        reap_stale()
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and job.error

    def test_job_with_a_recent_heartbeat_is_left_alone(self) -> None:
        job = self._running(attempts=1, beat_age=5)
        assert reap_stale() == 0
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING


@pytest.mark.django_db
class TestPeriodic:
    def test_each_slot_is_enqueued_once(self, monkeypatch: Any) -> None:
        saved = dict(PERIODIC)  # the apps' own periodic jobs are not this test's subject
        PERIODIC.clear()
        register_periodic("tests.count", daily_at="02:00")
        try:
            early = timezone.make_aware(dt.datetime(2026, 11, 29, 1, 0))
            late = timezone.make_aware(dt.datetime(2026, 11, 29, 3, 0))
            assert tick(early) == []
            first = tick(late)
            assert [j.kind for j in first] == ["tests.count"]
            assert tick(late + dt.timedelta(hours=1)) == []  # a second worker's tick
            assert first[0].actor_name == "system:scheduler"
        finally:
            PERIODIC.clear()
            PERIODIC.update(saved)


@pytest.mark.django_db
class TestJobApiAndPage:
    def test_requester_and_office_see_the_job_others_do_not(self) -> None:
        job = enqueue(kind="tests.count", actor=user("unit-haikou"))
        url = reverse("api-job-detail", args=[job.pk])
        body = api_client("unit-haikou").get(url).json()
        assert body["status"] == "succeeded" and body["percent"] == 100
        assert body["kind_label"] == "Count"
        assert api_client("office").get(url).status_code == 200
        assert api_client("unit-shanghai").get(url).status_code == 404
        assert api_client().get(url).status_code in (401, 403)

    def test_page_shows_progress_bar_and_result_link(self) -> None:
        job = enqueue(kind="tests.count", actor=user("unit-haikou"))
        client = Client()
        client.force_login(user("unit-haikou"))
        html = client.get(reverse("core:job", args=[job.pk])).content.decode()
        assert 'id="job-progress"' in html and 'value="100"' in html
        assert 'href="/done/"' in html
