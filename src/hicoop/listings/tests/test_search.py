"""Chinese search: segmentation with the taxonomy dictionary, ranking, highlighting, scoping."""

from __future__ import annotations

import datetime as dt

import pytest

from hicoop.core.testing import user
from hicoop.listings import search, selectors
from hicoop.listings.choices import ListingKind
from hicoop.listings.tests.conftest import make_demand, publish

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def found(username: str | None, **filters: object) -> list[str]:
    from django.contrib.auth.models import AnonymousUser

    who = user(username) if username else AnonymousUser()
    results = selectors.listing_search(
        kind=ListingKind.DEMAND, user=who, filters=selectors.ListingFilters(**filters), on=TODAY
    )
    return [r.title for r in results]


class TestSearch:
    def test_finds_by_words_in_the_description_and_ranks_title_hits_first(self) -> None:
        publish(
            make_demand(
                title="热带水果采后保鲜技术合作",
                fields=["tropical-agriculture"],
                description="需要冷链物流与保鲜包装技术，面向芒果、荔枝的采后处理。",
                required_capabilities=["保鲜包装"],
                mode="point_to_point",
            )
        )
        publish(make_demand(actor=user("unit-haikou")))
        assert found("unit-shanghai", q="保鲜") == ["热带水果采后保鲜技术合作"]
        assert found("unit-shanghai", q="投喂装备")[0] == "深远海养殖网箱智能投喂系统联合研发"

    def test_field_facet_narrows_results(self) -> None:
        publish(make_demand())
        assert found("unit-shanghai", q="智能投喂", field="deep-sea")
        assert not found("unit-shanghai", q="智能投喂", field="biomedicine")

    def test_unpublished_records_are_not_found_by_partners(self) -> None:
        make_demand()
        assert found("unit-shanghai", q="智能投喂") == []
        assert found("office", q="智能投喂") == ["深远海养殖网箱智能投喂系统联合研发"]
        assert found(None, q="智能投喂") == []

    def test_taxonomy_terms_are_kept_whole(self) -> None:
        assert "深远海" in search.terms_of("开展深远海养殖合作")

    def test_highlight_escapes_and_marks(self) -> None:
        html = search.highlight("<b>深远海</b>养殖", ["深远海"])
        assert html == "&lt;b&gt;<mark>深远海</mark>&lt;/b&gt;养殖"

    def test_search_query_count_is_bounded(self, django_assert_max_num_queries: object) -> None:
        for i in range(5):
            publish(make_demand(title=f"深远海装备需求{i}号"))
        with django_assert_max_num_queries(10):  # type: ignore[operator]
            titles = found("unit-shanghai", q="深远海")
        assert len(titles) == 5
