"""Dated versions: never overlapping (service rule everywhere, database constraint on
PostgreSQL), amend / supersede / repeal as workflow steps with reason and document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.core.workflow import TransitionNotAllowed, events_of
from hicoop.policies.choices import PolicyStatus
from hicoop.policies.exceptions import OverlappingVersions
from hicoop.policies.models import PolicyVersion
from hicoop.policies.services import versions
from hicoop.policies.services.versions import check_no_overlap

from .conftest import LAW_TEXT, make_policy

CHANGE = {"reason": "提高奖励标准", "document": "关于修订支持办法的通知（演示数据）"}


@pytest.mark.django_db
class TestVersionsNeverOverlap:
    def test_overlapping_dates_are_refused_with_a_clear_error(self, policy: Any) -> None:
        # given a policy in force from 2024-01-01, open-ended
        # when a second version would start inside that span without closing the first
        with pytest.raises(OverlappingVersions) as err:
            check_no_overlap(policy, dt.date(2024, 6, 1), None)
        # then the error names both spans
        message = err.value.details["effective_from"][0]
        assert "2024-06-01" in message and "2024-01-01" in message
        assert err.value.status == 409

    def test_amendment_before_the_current_version_is_refused(self, policy: Any) -> None:
        with pytest.raises(ValidationFailed) as err:
            versions.amend_policy(
                policy=policy,
                version={"effective_from": "2023-12-31", "full_text": LAW_TEXT},
                change=CHANGE,
                actor=user("office"),
            )
        assert "effective_from" in err.value.details
        assert policy.versions.count() == 1

    def test_the_database_refuses_overlaps_on_postgresql(self, policy: Any) -> None:
        # given a row written past the service (as a bug or a raw script would)
        row = PolicyVersion(
            policy=policy, number=9, origin="imported", effective_from=dt.date(2024, 5, 1)
        )
        if connection.vendor == "postgresql":
            # then PostgreSQL's exclusion constraint refuses it
            with pytest.raises(IntegrityError), transaction.atomic():
                row.save()
        else:
            # SQLite has no such constraint: the service rule above is the guard there
            row.save()
            assert policy.versions.count() == 2


@pytest.mark.django_db
class TestAmend:
    def test_amending_closes_the_open_version_and_records_the_event(self, policy: Any) -> None:
        new_text = LAW_TEXT.replace("一次性奖励", "一次性奖励五十万元")
        new = versions.amend_policy(
            policy=policy,
            version={"effective_from": "2026-01-01", "full_text": new_text},
            change=CHANGE,
            actor=user("office"),
        )
        old = policy.versions.get(number=1)
        assert old.effective_to == dt.date(2025, 12, 31)
        assert (new.number, new.effective_from, new.change_document) == (
            2,
            dt.date(2026, 1, 1),
            CHANGE["document"],
        )
        event = events_of(policy).first()
        assert event is not None and event.action == "amend" and event.reason == CHANGE["reason"]
        assert event.data["document"] == CHANGE["document"]
        policy.refresh_from_db()
        assert policy.status == PolicyStatus.ACTIVE

    def test_only_editors_amend(self, policy: Any) -> None:
        with pytest.raises(PermissionDenied):
            versions.amend_policy(
                policy=policy,
                version={"effective_from": "2026-01-01", "full_text": LAW_TEXT},
                change=CHANGE,
                actor=user("unit-haikou"),
            )


@pytest.mark.django_db
class TestRepealAndSupersede:
    def test_repeal_without_a_reason_is_refused_and_changes_nothing(self, policy: Any) -> None:
        with pytest.raises(ValidationFailed) as err:
            versions.repeal_policy(
                policy=policy,
                on=dt.date(2026, 1, 1),
                change={"reason": "  ", "document": "废止决定（演示数据）"},
                actor=user("office"),
            )
        assert "reason" in err.value.details
        policy.refresh_from_db()
        assert policy.status == PolicyStatus.ACTIVE
        assert policy.versions.get().effective_to is None

    def test_repeal_without_the_document_is_refused(self, policy: Any) -> None:
        with pytest.raises(ValidationFailed) as err:
            versions.repeal_policy(
                policy=policy,
                on=dt.date(2026, 1, 1),
                change={"reason": "过时"},
                actor=user("office"),
            )
        assert "document" in err.value.details

    def test_repeal_ends_the_version_the_day_before(self, policy: Any) -> None:
        versions.repeal_policy(
            policy=policy, on=dt.date(2026, 1, 1), change=CHANGE, actor=user("office")
        )
        policy.refresh_from_db()
        assert policy.status == PolicyStatus.REPEALED
        assert policy.versions.get().effective_to == dt.date(2025, 12, 31)
        with pytest.raises(TransitionNotAllowed):
            versions.repeal_policy(
                policy=policy, on=dt.date(2026, 2, 1), change=CHANGE, actor=user("office")
            )

    def test_supersede_links_the_successor(self, policy: Any) -> None:
        successor = make_policy(data={"title": "新的支持办法（演示数据）"})
        versions.supersede_policy(
            policy=policy,
            successor=successor,
            on=dt.date(2026, 1, 1),
            change=CHANGE,
            actor=user("office"),
        )
        policy.refresh_from_db()
        assert policy.status == PolicyStatus.SUPERSEDED and policy.superseded_by == successor
