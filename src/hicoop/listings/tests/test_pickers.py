"""Issue 10: parties, units, fields and industries are picked by typing part of a name.

The lookup endpoint answers with rows to pick, scoped to what the user may choose; the picker
widget keeps what was picked and typed when a form fails, and resolves typed text without scripts.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.core.testing import party, user
from hicoop.listings.models import Demand

pytestmark = pytest.mark.django_db

HAIKOU_UNIT = "海口南药生物科技有限公司（示例）"
SHANGHAI_UNIT = "上海深蓝海洋工程研究所（示例）"


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def look_up(username: str, source: str, typed: str, **params: str) -> str:
    response = logged_in(username).get(
        reverse("core:pick", args=[source]), {"field": "f", "f__q": typed, **params}
    )
    assert response.status_code == 200
    return response.content.decode()


class TestLookupEndpoints:
    def test_part_of_a_chinese_name_finds_the_unit_with_its_parent(self) -> None:
        html = look_up("office", "units", "海口南药")
        assert HAIKOU_UNIT in html and party("haikou-hitech").name in html
        assert f'value="{party("demo-unit-haikou-bio").pk}"' in html
        assert 'name="f"' in html

    def test_width_and_case_folded_and_every_word_must_match(self) -> None:
        assert HAIKOU_UNIT in look_up("office", "units", "ＮＡＮＹＡＯ biotech")
        assert "无匹配" in look_up("office", "units", "nanyao 上海")

    def test_parties_by_side(self) -> None:
        assert SHANGHAI_UNIT not in look_up("office", "parties", "示例", side="hainan")
        assert HAIKOU_UNIT not in look_up("office", "parties", "示例", side="partner")
        both = look_up("office", "parties", "示例")
        assert HAIKOU_UNIT in both and SHANGHAI_UNIT in both

    def test_fields_and_industries_by_name_and_code(self) -> None:
        assert 'value="biomedicine"' in look_up("office", "fields", "生物医药")
        assert 'value="biomedicine"' in look_up("office", "fields", "biomed")
        industries = look_up("office", "industries", "医药")
        assert 'value="27"' in industries and "医药制造业" in industries
        assert 'value="27"' in look_up("office", "industries", "27")

    def test_a_unit_member_cannot_look_up_owners_or_parents_outside_its_scope(self) -> None:
        owners = look_up("unit-haikou", "owners", "示例", kind="demand")
        assert HAIKOU_UNIT in owners and SHANGHAI_UNIT not in owners
        assert "无匹配" in look_up("unit-haikou", "owners", "上海深蓝", kind="demand")
        assert "无匹配" in look_up("unit-haikou", "parents", "海口")
        assert party("haikou-hitech").name in look_up("office", "parents", "海口")

    def test_empty_long_unknown_and_anonymous(self) -> None:
        assert "无匹配" not in look_up("office", "units", "")
        assert "最多输入 60 个字符" in look_up("office", "units", "海" * 61)
        client = logged_in("office")
        assert client.get(reverse("core:pick", args=["nothing"]), {"field": "f"}).status_code == 404
        assert client.get(reverse("core:pick", args=["units"]), {"field": "a b"}).status_code == 404
        assert Client().get(reverse("core:pick", args=["units"]), {"field": "f"}).status_code == 302

    def test_results_are_bounded(self) -> None:
        html = look_up("office", "parties", "区")
        assert html.count('type="checkbox"') == 12
        assert "匹配项较多" in html

    def test_answers_in_english(self) -> None:
        client = logged_in("office")
        client.cookies["django_language"] = "en"
        response = client.get(
            reverse("core:pick", args=["units"]), {"field": "f", "f__q": "不存在的单位"}
        )
        assert response.content.decode().strip() == '<p class="picker-empty">No match</p>'


def demand_form(**changes: str | list[str]) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "title": "南药活性成分检测合作",
        "description": "需要合作方提供南药活性成分的快速检测方法。",
        "measure": "1",
        "mode": "point_to_point",
        "ends_on": "2027-12-31",
    }
    data.update(changes)
    return data


class TestPickerRoundTrip:
    url = reverse("listings:create", args=["demands"])

    def test_picked_values_are_saved(self) -> None:
        unit = party("demo-unit-haikou-bio")
        response = logged_in("unit-haikou").post(
            self.url, demand_form(owner=str(unit.pk), industries=["27", "73"])
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        demand = Demand.objects.get(title="南药活性成分检测合作")
        assert demand.owner == unit
        assert sorted(i.code for i in demand.industries.all()) == ["27", "73"]

    def test_a_failed_form_keeps_the_picked_label_and_the_typed_text(self) -> None:
        unit = party("demo-unit-haikou-bio")
        response = logged_in("unit-haikou").post(
            self.url,
            demand_form(owner=str(unit.pk), industries=["27"], industries__q="医药", title=""),
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert 'data-field="title"' in html
        chosen = html.split('id="id_owner"')[0].rsplit("data-picker-chosen", 1)[1]
        assert HAIKOU_UNIT in chosen and f'value="{unit.pk}" checked' in chosen
        assert 'value="医药"' in html and "医药制造业" in html
        assert not Demand.objects.filter(title="").exists()

    def test_without_scripts_the_typed_name_is_picked(self) -> None:
        response = logged_in("unit-haikou").post(
            self.url, demand_form(owner__q="海口南药", industries__q="27")
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        demand = Demand.objects.get(title="南药活性成分检测合作")
        assert demand.owner == party("demo-unit-haikou-bio")
        assert [i.code for i in demand.industries.all()] == ["27"]

    def test_typed_text_matching_nothing_or_several_is_a_clear_error(self) -> None:
        response = logged_in("office").post(
            self.url, demand_form(owner__q="不存在的单位", industries__q="制造")
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "没有与“不存在的单位”匹配的项" in html
        assert "有多项与“制造”匹配" in html and 'value="27"' in html
        assert 'value="不存在的单位"' in html

    def test_a_party_outside_the_scope_is_refused_even_when_posted(self) -> None:
        other = party("demo-unit-shanghai-ocean")
        response = logged_in("unit-haikou").post(self.url, demand_form(owner=str(other.pk)))
        assert response.status_code == 400
        assert "此处不能选择该项" in response.content.decode()
        assert not Demand.objects.filter(title="南药活性成分检测合作").exists()
