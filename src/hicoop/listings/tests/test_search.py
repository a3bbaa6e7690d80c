"""Chinese search: segmentation with the taxonomy dictionary, ranking, highlighting, scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hicoop.core.testing import api_client, party, user
from hicoop.listings import search, selectors
from hicoop.listings.choices import ListingKind
from hicoop.listings.tests.conftest import make_demand, publish
from hicoop.taxonomy.models import Field

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


class TestPartialMatchesAndFacetCounts:
    """量子计算机 → a record saying only 计算 is a partial match: ranked last and labelled."""

    def given_two_demands(self) -> None:
        publish(
            make_demand(
                title="量子计算机测控系统联合研发",
                description="研制量子计算机的低温测控电子学系统。",
                fields=["deep-sea"],
            )
        )
        publish(  # newer, so it would come first on a tie
            make_demand(
                title="海洋数据云计算平台建设",
                description="建设海洋观测数据的云计算与存储平台。",
                fields=["marine-equipment"],
            )
        )

    def test_fragment_only_hits_rank_last_and_are_flagged(self) -> None:
        self.given_two_demands()
        results = selectors.listing_search(
            kind=ListingKind.DEMAND,
            user=user("unit-shanghai"),
            filters=selectors.ListingFilters(q="量子计算机"),
            on=TODAY,
        )
        assert [(r.title, r.partial) for r in results] == [
            ("量子计算机测控系统联合研发", False),
            ("海洋数据云计算平台建设", True),
        ]

    @pytest.mark.parametrize("language, label", [("zh-hans", "部分匹配"), ("en", "Partial match")])
    def test_result_card_says_partial_match(self, language: str, label: str) -> None:
        self.given_two_demands()
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.cookies["django_language"] = language
        client.force_login(user("unit-shanghai"))
        page = client.get("/demands/", {"q": "量子计算机"}).content.decode()
        cards = page.split('class="listing-link"')[1:]
        assert len(cards) == 2
        assert "量子" in cards[0] and label not in cards[0]
        assert "平台建设" in cards[1] and label in cards[1]

    def test_facet_options_show_counts_for_the_query(self) -> None:
        self.given_two_demands()
        publish(make_demand(title="深远海养殖投喂", fields=["deep-sea"]))
        counts = selectors.facet_counts(
            kind=ListingKind.DEMAND,
            user=user("unit-shanghai"),
            filters=selectors.ListingFilters(q="计算", field="deep-sea"),
            on=TODAY,
        )
        # the field facet ignores its own choice; the status facet honours it
        assert counts["field"] == {"deep-sea": 1, "marine-equipment": 1}
        assert counts["status"] == {"published": 1}
        assert counts["region"][str(party("hainan").pk)] == 1
        client = Client()
        client.force_login(user("unit-shanghai"))
        page = client.get("/demands/", {"q": "计算"}).content.decode()
        deep_sea = Field.objects.get(code="deep-sea").display_name
        assert f'<option value="deep-sea">{deep_sea} (1)</option>' in page
        assert '<option value="published">' in page and "(2)</option>" in page

    def test_api_says_partial_too(self) -> None:
        self.given_two_demands()
        hits = api_client("unit-shanghai").get("/api/v1/demands/", {"q": "量子计算机"}).json()
        assert [(r["title"], r["partial"]) for r in hits["results"]] == [
            ("量子计算机测控系统联合研发", False),
            ("海洋数据云计算平台建设", True),
        ]

    def test_api_gives_the_facet_counts_of_a_search(self) -> None:
        self.given_two_demands()
        publish(make_demand(title="深远海养殖投喂", fields=["deep-sea"]))
        client = api_client("unit-shanghai")
        body = client.get("/api/v1/demands/facets/", {"q": "计算", "field": "deep-sea"}).json()
        assert body["facets"]["field"] == {"deep-sea": 1, "marine-equipment": 1}
        assert body["facets"]["status"] == {"published": 1}
        assert body["facets"]["region"][str(party("hainan").pk)] == 1
        # without a query every published demand counts; capabilities have no measure or mode
        everything = client.get("/api/v1/demands/facets/").json()["facets"]
        assert everything["field"]["deep-sea"] >= 2
        assert {"measure", "mode"} <= everything.keys()
        capabilities = client.get("/api/v1/capabilities/facets/").json()["facets"]
        assert not {"measure", "mode"} & capabilities.keys()
        # a bad number is ignored like the list ignores it, never a server error
        assert client.get("/api/v1/demands/facets/", {"region": "x"}).status_code == 200
