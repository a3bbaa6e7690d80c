"""Yearly editions: draft → reviewed → published (frozen), diffed against the previous year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hicoop.core.testing import user
from hicoop.policies import selectors
from hicoop.policies.exceptions import EditionFrozen
from hicoop.policies.models import Edition
from hicoop.policies.services import editions, versions

from .conftest import LAW_TEXT, make_policy

CHANGE = {"reason": "调整", "document": "通知（演示数据）"}


def _edition(year: int) -> Edition:
    return editions.create_edition(
        data={"year": year, "title": f"{year}年目录（演示数据）", "as_of": dt.date(year, 6, 30)},
        actor=user("office"),
    )


@pytest.mark.django_db
class TestEditionDiff:
    def test_2026_against_2025_shows_added_removed_and_amended(self, policy: Any) -> None:
        office = user("office")
        kept = make_policy(data={"title": "保留的政策（演示数据）"})
        dropped = make_policy(data={"title": "废止的政策（演示数据）"})
        # given a published 2025 edition with three policies
        y2025 = _edition(2025)
        for p in (policy, kept, dropped):
            editions.add_entry(edition=y2025, policy=p, actor=office)
        editions.transition_edition(edition=y2025, action="review", actor=office)
        editions.transition_edition(edition=y2025, action="publish", actor=office)
        # when one is amended, one repealed and a new one issued before the 2026 edition
        versions.amend_policy(
            policy=policy,
            version={"effective_from": "2026-01-01", "full_text": LAW_TEXT + "\n第五条 新增条款。"},
            change=CHANGE,
            actor=office,
        )
        versions.repeal_policy(policy=dropped, on="2026-01-01", change=CHANGE, actor=office)
        added = make_policy(
            data={"title": "新增的政策（演示数据）"}, version={"effective_from": "2026-03-01"}
        )
        y2026 = _edition(2026)
        assert editions.start_from(edition=y2026, previous=y2025, actor=office) == 2
        editions.add_entry(edition=y2026, policy=added, actor=office)
        # then the diff names each change
        rows = {r.policy.title: r.change for r in selectors.edition_diff(y2026, y2025)}
        assert rows[policy.title] == "amended"
        assert rows[dropped.title] == "removed"
        assert rows[added.title] == "added"
        assert rows[kept.title] == "unchanged"

    def test_published_edition_is_frozen(self, policy: Any) -> None:
        office = user("office")
        edition = _edition(2025)
        entry = editions.add_entry(edition=edition, policy=policy, actor=office)
        editions.transition_edition(edition=edition, action="review", actor=office)
        editions.transition_edition(edition=edition, action="publish", actor=office)
        with pytest.raises(EditionFrozen):
            editions.update_entry(entry=entry, changes={"summary": "改"}, actor=office)
        with pytest.raises(EditionFrozen):
            editions.add_entry(
                edition=edition,
                policy=make_policy(data={"title": "另一（演示数据）"}),
                actor=office,
            )

    def test_anonymous_visitors_see_only_published_editions(self, policy: Any) -> None:
        draft = _edition(2024)
        assert list(selectors.editions(user=None)) == []
        assert draft in selectors.editions(user=user("office"))


@pytest.mark.django_db
def test_editions_are_listed_newest_first_in_the_page_and_the_api() -> None:
    from hicoop.core.testing import api_client

    for year in (2024, 2026, 2025):
        _edition(year)
    assert [e.year for e in selectors.editions(user=user("office"))] == [2026, 2025, 2024]
    listed = api_client("office").get("/api/v1/policies/editions/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["year"] for row in rows] == [2026, 2025, 2024]
