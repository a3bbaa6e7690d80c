"""Party API: list/search/filter/paginate, create and update errors as {code, message, details}."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from hicoop.core.testing import api_client, party
from hicoop.parties.models import Party
from hicoop.parties.tests.factories import add_units

pytestmark = pytest.mark.django_db


def _queries(call: Any) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = call()
    return len(captured), response


class TestPartyListApi:
    def test_paginates_and_counts(self) -> None:
        body = api_client("office").get("/api/v1/parties/", {"page_size": 10}).json()
        assert body["count"] == Party.objects.count()
        assert len(body["results"]) == 10
        assert body["next"]

    def test_filters_by_kind_region_and_field(self) -> None:
        client = api_client("office")
        parks = client.get(
            "/api/v1/parties/", {"kind": "park", "region": party("hainan").pk, "page_size": 100}
        ).json()["results"]
        assert parks and all(p["kind"] == "park" for p in parks)
        assert "三亚崖州湾科技城" in {p["name"] for p in parks}
        assert "上海张江国家高新技术产业开发区" not in {p["name"] for p in parks}
        bio = client.get("/api/v1/parties/", {"field": "biomedicine", "page_size": 100}).json()
        assert {"四川省", "成都天府国际生物城"} <= {p["name"] for p in bio["results"]}

    def test_search_matches_short_name_and_division_code(self) -> None:
        client = api_client()
        assert [
            p["name"] for p in client.get("/api/v1/parties/", {"q": "张江"}).json()["results"]
        ] == ["上海张江国家高新技术产业开发区"]
        names = {p["name"] for p in client.get("/api/v1/parties/", {"q": "4601"}).json()["results"]}
        assert "海口市" in names

    def test_list_query_count_does_not_grow_with_rows(self) -> None:
        # given the list with a few parties, then thirty more with fields
        client = api_client("office")
        add_units(3, start=100)
        before, first = _queries(lambda: client.get("/api/v1/parties/", {"page_size": 100}))
        add_units(30)
        # when the same page is read again
        after, second = _queries(lambda: client.get("/api/v1/parties/", {"page_size": 100}))
        # then it answers, lists the new rows, and took no more queries than before
        assert first.status_code == second.status_code == 200
        assert second.json()["count"] == first.json()["count"] + 30
        assert after <= before <= 12

    def test_export_xlsx(self) -> None:
        response = api_client("office").get(
            "/api/v1/parties/", {"export": "xlsx", "kind": "region"}
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(response.content)).active
        assert sheet.cell(1, 2).value == "中文名称" and sheet.cell(2, 2).value == "name"
        names = {sheet.cell(r, 2).value for r in range(3, sheet.max_row + 1)}
        assert {"上海市", "湖南省", "粤港澳大湾区"} <= names


class TestPartyWriteApi:
    def test_create_returns_201_and_location_in_tree(self) -> None:
        response = api_client("shanghai").post(
            "/api/v1/parties/",
            {
                "name": "上海海洋装备测试中心",
                "kind": "unit",
                "subtype": "other",
                "parent": party("shanghai").pk,
                "fields": ["marine-equipment"],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["parent"]["name"] == "上海市"
        assert response.json()["fields"] == ["marine-equipment"]

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"credit_code": "91460200MA5TDEM02K"}, "credit_code"),
            ({"parent": 987654}, "parent"),
            ({"name": "上海市"}, "name"),
            ({"division_code": "12ab"}, "division_code"),
        ],
    )
    def test_bad_input_gets_json_error_and_changes_nothing(self, payload: dict, field: str) -> None:
        before = Party.objects.count()
        body = {"name": "海南某新企业", "kind": "unit", "parent": party("haikou-hitech").pk}
        body.update(payload)
        response = api_client("office").post("/api/v1/parties/", body, format="json")
        assert response.status_code == 400
        data = response.json()
        assert data["code"] == "validation_error"
        assert field in data["details"]
        assert data["message"]
        assert Party.objects.count() == before

    def test_malformed_json(self) -> None:
        response = api_client("office").post(
            "/api/v1/parties/", data='{"name": "坏', content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["code"] == "malformed_request"

    def test_error_message_follows_language(self) -> None:
        client = api_client("office")
        body = {"name": "上海市", "kind": "unit", "parent": party("shanghai").pk}
        zh = client.post("/api/v1/parties/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
        en = client.post("/api/v1/parties/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
        assert en.json()["details"]["name"] == ["A party with this name already exists."]
        assert zh.json()["details"]["name"] != en.json()["details"]["name"]

    def test_delete_with_children_is_a_conflict(self) -> None:
        response = api_client("office").delete(f"/api/v1/parties/{party('sichuan').pk}/")
        assert response.status_code == 409
        assert response.json()["code"] == "conflict"

    def test_history_endpoint_lists_changes(self) -> None:
        client = api_client("office")
        pk = party("hunan").pk
        client.patch(
            f"/api/v1/parties/{pk}/",
            {"website": "https://kjt.hunan.gov.cn", "reason": "补充网站"},
            format="json",
        )
        entries = client.get(f"/api/v1/parties/{pk}/history/").json()["results"]
        assert entries[0]["changes"]["website"] == ["", "https://kjt.hunan.gov.cn"]
        assert entries[0]["reason"] == "补充网站"


class TestTokenAuth:
    def test_token_login_and_use(self) -> None:
        client = APIClient()
        bad = client.post(
            "/api/v1/auth/token/", {"username": "shanghai", "password": "x"}, format="json"
        )
        assert bad.status_code == 400 and bad.json()["code"] == "bad_credentials"
        token = client.post(
            "/api/v1/auth/token/",
            {"username": "shanghai", "password": "hicoop-demo-2026"},
            format="json",
        ).json()["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        me = client.get("/api/v1/me/").json()
        assert me["username"] == "shanghai"
        assert me["memberships"][0]["role"] == "region_coordinator"


class TestSchema:
    def test_openapi_schema_lists_party_endpoints(self) -> None:
        response = api_client().get("/api/schema/", HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        paths = (
            response.json()["paths"]
            if response["Content-Type"].startswith("application/json")
            else {}
        )
        if not paths:
            import yaml

            paths = yaml.safe_load(response.content)["paths"]
        assert "/api/v1/parties/" in paths and "/api/v1/parties/{id}/" in paths
