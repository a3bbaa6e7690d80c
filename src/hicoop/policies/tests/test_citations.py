"""Citations from demands and cooperation items, and the alert with the clause-level diff."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hicoop.core.exceptions import PermissionDenied
from hicoop.core.models import Notification
from hicoop.core.notifications import text_of
from hicoop.core.testing import user
from hicoop.listings import services as listing_services
from hicoop.listings.choices import ListingKind
from hicoop.policies.services import citations, versions

from .conftest import LAW_TEXT

CHANGE = {"reason": "提高奖励标准", "document": "修订通知（演示数据）"}


def _demand() -> Any:
    return listing_services.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "title": "离岸孵化器建设合作（演示数据）",
            "owner": "demo-unit-haikou-bio",
            "description": "寻求孵化运营合作方。",
            "measure": 2,
            "mode": "point_to_point",
        },
        actor=user("unit-haikou"),
    )


@pytest.mark.django_db
class TestCite:
    def test_owner_cites_a_clause_and_the_page_shows_it(self, policy: Any) -> None:
        demand = _demand()
        citation = citations.cite(
            record=demand, policy=policy, clause="第3条", actor=user("unit-haikou")
        )
        assert citation.clause is not None and citation.clause.address == "第三条"
        client = Client()
        client.force_login(user("unit-haikou"))
        page = client.get(reverse("listings:detail", args=["demands", demand.pk]))
        assert "第三条" in page.content.decode() and policy.title in page.content.decode()

    def test_others_may_not_cite_from_a_record_outside_their_scope(self, policy: Any) -> None:
        with pytest.raises(PermissionDenied):
            citations.cite(record=_demand(), policy=policy, actor=user("unit-shanghai"))


@pytest.mark.django_db
class TestAlert:
    def test_amending_a_cited_policy_notifies_the_owner_with_the_diff(self, policy: Any) -> None:
        # given a demand of the Haikou unit citing 第三条 of the policy
        demand = _demand()
        citation = citations.cite(
            record=demand, policy=policy, clause="第三条", actor=user("unit-haikou")
        )
        # when the joint office amends the policy and changes that clause
        versions.amend_policy(
            policy=policy,
            version={
                "effective_from": "2026-01-01",
                "full_text": LAW_TEXT.replace("一次性奖励", "一次性奖励八十万元"),
            },
            change=CHANGE,
            actor=user("office"),
        )
        # then the unit's member is told, with what changed in the cited clause
        notice = Notification.objects.get(recipient=user("unit-haikou"))
        text = text_of(notice)
        assert "第三条" in text and "八十万元" in text
        assert notice.url == reverse("policies:diff", args=[policy.pk, 1, 2])
        citation.refresh_from_db()
        assert citation.superseded and citation.alerted_at is not None
        # and the demand's page says the cited version is superseded
        client = Client()
        client.force_login(user("unit-haikou"))
        page = client.get(reverse("listings:detail", args=["demands", demand.pk]))
        assert "cited-superseded" in page.content.decode()
        # and the actor is never notified of their own change
        assert not Notification.objects.filter(recipient=user("office")).exists()

    def test_repealing_a_cited_policy_notifies_too(self, policy: Any) -> None:
        citations.cite(record=_demand(), policy=policy, actor=user("unit-haikou"))
        with translation.override("en"):  # the office reads English
            versions.repeal_policy(
                policy=policy, on="2026-01-01", change=CHANGE, actor=user("office")
            )
        notice = Notification.objects.get(recipient=user("unit-haikou"))
        assert notice.kind == "policies.cited_repealed"
        # the unit's member reads Chinese: what is cited reads in Chinese too
        with translation.override("zh-hans"):
            assert "第 1 版" in text_of(notice) and "version 1" not in text_of(notice)
        with translation.override("en"):
            assert "version 1" in text_of(notice)
