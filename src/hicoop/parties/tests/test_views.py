"""Party pages: list with search/filters/pagination/export, detail with history, forms with errors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hicoop.core.testing import party, user
from hicoop.parties.models import Party
from hicoop.parties.tests.factories import add_units

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


class TestPartyListPage:
    def test_public_list_filters_by_kind_and_paginates(self) -> None:
        page = Client().get(reverse("parties:list"), {"kind": "park"})
        html = page.content.decode()
        assert page.status_code == 200
        assert "三亚崖州湾科技城" in html and 'class="party-link">上海市</a>' not in html

    def test_second_page(self) -> None:
        first = Client().get(reverse("parties:list"), {"sort": "name"}).content.decode()
        second = Client().get(reverse("parties:list"), {"sort": "name", "page": 2})
        assert second.status_code == 200
        assert 'id="next-page"' in first

    def test_empty_state(self) -> None:
        html = Client().get(reverse("parties:list"), {"q": "不存在的名字"}).content.decode()
        assert 'id="no-results"' in html

    def test_export_csv_respects_filters(self) -> None:
        response = logged_in("office").get(
            reverse("parties:list"), {"kind": "city", "export": "csv"}
        )
        text = response.content.decode("utf-8-sig")
        assert response["Content-Type"].startswith("text/csv")
        assert "五指山市" in text and "上海市" not in text

    def test_list_query_count_is_bounded(self) -> None:
        # given the list page with a few parties of the search, then thirty more with fields
        client = logged_in("office")
        add_units(3, start=100)
        url = reverse("parties:list")
        with CaptureQueriesContext(connection) as before:
            first = client.get(url, {"q": "测试单位"})
        add_units(30)
        # when the page is read again
        with CaptureQueriesContext(connection) as after:
            second = client.get(url, {"q": "测试单位"})
        # then it answers with the new rows and no more queries than before
        assert first.status_code == second.status_code == 200
        assert second.content.decode().count("测试单位（") > first.content.decode().count(
            "测试单位（"
        )
        assert len(after) <= len(before) <= 20


class TestPartyDetailPage:
    def test_shows_children_and_history(self) -> None:
        client = logged_in("office")
        hainan = party("hainan")
        client.post(
            reverse("parties:edit", args=[hainan.pk]),
            {
                "name": hainan.name,
                "name_en": hainan.name_en,
                "short_name": "琼",
                "kind": "region",
                "subtype": "province",
                "division_code": "460000",
                "fields": [],
                "is_active": "on",
            },
        )
        html = client.get(reverse("parties:detail", args=[hainan.pk])).content.decode()
        assert "三亚市" in html  # a child
        assert 'id="history"' in html and "简称" in html and "short_name" not in html


class TestPartyForms:
    def test_create_shows_all_errors_and_changes_nothing(self) -> None:
        before = Party.objects.count()
        response = logged_in("haikou-park").post(
            reverse("parties:create"),
            {
                "name": "海口市",
                "kind": "unit",
                "parent": party("haikou-hitech").pk,
                "credit_code": "123",
                "division_code": "000000",
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert 'data-field="name"' in html and 'data-field="credit_code"' in html
        assert 'data-field="division_code"' in html
        assert Party.objects.count() == before

    def test_create_under_own_park(self) -> None:
        response = logged_in("haikou-park").post(
            reverse("parties:create"),
            {
                "name": "海口某医疗器械企业",
                "kind": "unit",
                "subtype": "enterprise",
                "parent": party("haikou-hitech").pk,
                "fields": ["new-medical-technology"],
                "is_active": "on",
            },
        )
        created = Party.objects.get(name="海口某医疗器械企业")
        assert response.status_code == 302
        assert response["Location"] == reverse("parties:detail", args=[created.pk])

    def test_parent_choices_are_scoped(self) -> None:
        client = logged_in("haikou-park")
        html = client.get(reverse("parties:create")).content.decode()
        assert 'name="parent__q"' in html and "上海市" not in html.split("<main>")[1]
        pick = reverse("core:pick", args=["parents"])
        found = client.get(pick, {"field": "parent", "parent__q": "高新"}).content.decode()
        assert "海口国家高新技术产业开发区" in found and "上海" not in found
        assert (
            "无匹配" in client.get(pick, {"field": "parent", "parent__q": "上海"}).content.decode()
        )

    def test_delete_needs_confirmation(self) -> None:
        client = logged_in("office")
        leaf = party("demo-unit-shanghai-ocean")  # has members, so deletion is refused
        response = client.post(reverse("parties:delete", args=[leaf.pk]), {})
        assert response.status_code == 400
        assert Party.objects.filter(pk=leaf.pk).exists()
        refused = client.post(reverse("parties:delete", args=[leaf.pk]), {"confirm": "on"})
        assert refused.status_code == 400 and 'id="form-errors"' in refused.content.decode()


class TestLanguage:
    def test_switch_to_english(self) -> None:
        client = Client()
        zh = client.get(reverse("core:home")).content.decode()
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        en = client.get(reverse("core:home")).content.decode()
        assert "The five measures" in en and "Key-region S&amp;T cooperation with Hainan" in en
        assert "The five measures" not in zh and "建立重点地区与海南省科技合作机制" in zh
