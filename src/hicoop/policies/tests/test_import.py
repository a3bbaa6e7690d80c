"""The LawRefBook texts: imported as a job with progress, idempotent, searchable by clause in
Chinese, and dated (the Hainan Free Trade Port Law is in force from 2021-06-10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Max

from hicoop.core.actors import OPERATOR
from hicoop.core.jobs import enqueue
from hicoop.core.models import AuditEntry, Job, JobStatus, WorkflowEvent
from hicoop.policies import selectors
from hicoop.policies.jobs import IMPORT_TEXTS
from hicoop.policies.models import Clause, Policy, PolicyVersion
from hicoop.policies.selectors import PolicyFilters

from .conftest import texts_dir

FTP_LAW = "中华人民共和国海南自由贸易港法"


@pytest.fixture(scope="module")
def imported(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Import once for the module (the import takes a few seconds); removed afterwards."""
    root = texts_dir()
    history = (AuditEntry, WorkflowEvent, Job)
    with django_db_blocker.unblock():
        marks = {model: model.objects.aggregate(m=Max("pk"))["m"] or 0 for model in history}
        job = enqueue(kind=IMPORT_TEXTS, params={"path": str(root)}, actor=OPERATOR)
        yield job
        PolicyVersion.objects.filter(policy__key__startswith="lawrefbook:").delete()
        Policy.objects.filter(key__startswith="lawrefbook:").delete()
        for model, mark in marks.items():  # leave no history behind for later tests
            model.objects.filter(pk__gt=mark).delete()


@pytest.mark.django_db
class TestImportTexts:
    def test_job_imports_every_text_with_progress(self, imported: Any) -> None:
        # given the collection on disk, when the import job has run
        job = imported
        job.refresh_from_db()
        # then every text became a policy version with its articles, and progress reached the end
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.done == job.total > 85
        assert PolicyVersion.objects.filter(policy__key__startswith="lawrefbook:").count() == 85
        assert Policy.objects.filter(key__startswith="lawrefbook:").count() == 84
        articles = Clause.objects.filter(
            kind="article", version__policy__key__startswith="lawrefbook:"
        )
        assert articles.count() == 3879

    def test_second_import_changes_nothing(self, imported: Any) -> None:
        before = Clause.objects.count()
        again = enqueue(kind=IMPORT_TEXTS, params={"path": str(texts_dir())}, actor=OPERATOR)
        assert again.status == JobStatus.SUCCEEDED, again.error
        assert again.result["unchanged"] == 85 and again.result["policies"] == 0
        assert Clause.objects.count() == before

    def test_two_texts_of_one_regulation_are_two_dated_versions(self, imported: Any) -> None:
        policy = Policy.objects.get(title="上海市促进农业科技进步若干规定")
        old, new = policy.versions.order_by("effective_from")
        assert old.effective_to == new.effective_from - dt.timedelta(days=1)
        assert new.effective_from == dt.date(2025, 1, 1)  # its own commencement article
        changes = selectors.compare_versions(old, new)
        assert {c.status for c in changes} >= {"changed", "added", "removed"}

    def test_clauses_are_searchable_in_chinese(self, imported: Any) -> None:
        # when someone searches for words of one article
        result = selectors.search(user=None, filters=PolicyFilters(q="离岸贸易 数据跨境"))
        # then the Free Trade Port Law ranks with the clause hits
        top = selectors.page_policies(result.ids[:5], result.hits)
        assert any(p.title == FTP_LAW for p in top)
        law = next(p for p in top if p.title == FTP_LAW)
        assert law.hits and all(c.kind == "article" for c, _ in law.hits)

    def test_ftp_law_is_dated(self, imported: Any) -> None:
        before = selectors.search(user=None, filters=PolicyFilters(on=dt.date(2021, 1, 1)))
        after = selectors.search(user=None, filters=PolicyFilters(on=dt.date(2021, 6, 10)))
        law = Policy.objects.get(title=FTP_LAW)
        assert law.pk not in before.ids
        assert law.pk in after.ids
        assert law.issuer.name == "全国人民代表大会常务委员会"
