"""API, pages and the command line of the catalogue, each role's reading scope and query counts."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from hicoop.core.actors import OPERATOR
from hicoop.core.testing import api_client, party, user
from hicoop.policies import selectors
from hicoop.policies.models import Policy
from hicoop.policies.services import spreadsheet

from .conftest import make_policy

ROLES = ["office", "ministry", "shanghai", "haikou-park", "unit-haikou", "evaluator"]


@pytest.mark.django_db
class TestScope:
    @pytest.mark.parametrize("username", [*ROLES, None])
    def test_drafts_only_for_editors_and_global_readers(self, username: str | None) -> None:
        draft = make_policy(publish=False, data={"title": "草稿政策（演示数据）"})
        reader = user(username) if username else None
        visible = Policy.objects.visible_to(reader).filter(pk=draft.pk).exists()
        assert visible == (username in {"office", "ministry", "evaluator"})

    def test_hainan_dost_members_edit(self) -> None:
        from hicoop.accounts.services import create_user, grant_membership
        from hicoop.policies.roles import is_editor

        member = create_user(username="dost", password="x", actor=OPERATOR, check_password=False)
        grant_membership(
            user=member, party=party("hainan-dost"), role="unit_member", actor=OPERATOR
        )
        assert is_editor(member) and not is_editor(user("haikou-park"))


@pytest.mark.django_db
class TestApi:
    def test_list_is_dated_and_filtered(self, policy: Any) -> None:
        client = api_client()
        before = client.get("/api/v1/policies/", {"on": "2023-12-31"}).json()
        after = client.get(
            "/api/v1/policies/", {"on": "2024-01-01", "category": "innovation"}
        ).json()
        assert policy.pk not in [p["id"] for p in before["results"]]
        assert policy.pk in [p["id"] for p in after["results"]]

    def test_search_returns_clause_hits(self, policy: Any) -> None:
        body = api_client().get("/api/v1/policies/", {"q": "研发中心"}).json()
        hit = next(p for p in body["results"] if p["id"] == policy.pk)
        assert hit["clause_hits"][0]["address"] == "第三条"

    def test_bad_input_is_a_clear_400(self) -> None:
        client = api_client()
        for params in (
            {"on": "2021-13-45"},
            {"category": "nope"},
            {"issuer": "x"},
            {"q": "字" * 300},
        ):
            response = client.get("/api/v1/policies/", params)
            assert response.status_code == 400 and response.json()["code"] == "validation_error"

    def test_versions_clauses_and_diff(self, policy: Any) -> None:
        client = api_client()
        assert client.get(f"/api/v1/policies/{policy.pk}/versions/").json()[0]["number"] == 1
        clause = client.get(f"/api/v1/policies/{policy.pk}/versions/1/clauses/第三条/").json()
        assert "研发中心" in clause["text"]
        assert (
            client.get(f"/api/v1/policies/{policy.pk}/versions/1/clauses/第九十条/").status_code
            == 400
        )
        diff = client.get(f"/api/v1/policies/{policy.pk}/diff/", {"from": 1, "to": 1}).json()
        assert {c["status"] for c in diff["changes"]} == {"unchanged"}

    def test_applicable_by_party(self) -> None:
        make_policy(data={"title": "海口高新区专项（演示数据）", "parks": ["haikou-hitech"]})
        unit = party("demo-unit-haikou-bio")
        body = (
            api_client("unit-haikou")
            .get("/api/v1/policies/applicable/", {"party": unit.pk, "on": "2026-06-01"})
            .json()
        )
        row = next(
            r for r in body["results"] if r["policy"]["title"] == "海口高新区专项（演示数据）"
        )
        assert any(r["condition"] == "park" and r["outcome"] == "matched" for r in row["reasons"])
        assert row["version"]["number"] == 1 and row["clauses"][0]["address"] == "第三条"

    def test_repeal_without_reason_over_the_api(self, policy: Any) -> None:
        response = api_client("office").post(
            f"/api/v1/policies/{policy.pk}/repeal/",
            {"on": "2026-01-01", "document": "x"},
            format="json",
        )
        assert response.status_code == 400 and "reason" in response.json()["details"]

    def test_unit_member_cannot_create(self) -> None:
        response = api_client("unit-haikou").post(
            "/api/v1/policies/", {"title": "x"}, format="json"
        )
        assert response.status_code == 403

    def test_cite_over_the_api(self, policy: Any) -> None:
        from hicoop.listings.models import Demand

        demand = Demand.objects.filter(owner__external_id="demo-unit-haikou-bio").first()
        if demand is None:
            from .test_citations import _demand

            demand = _demand()
        response = api_client("unit-haikou").post(
            "/api/v1/policies/citations/",
            {
                "record_type": "listings.demand",
                "record_id": demand.pk,
                "policy": policy.pk,
                "clause": "第三条",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["clause"] == "第三条"


@pytest.mark.django_db
class TestPages:
    def test_anonymous_visitor_searches_with_highlights(self, policy: Any) -> None:
        page = Client().get(reverse("policies:list"), {"q": "研发中心"})
        html = page.content.decode()
        assert page.status_code == 200 and "<mark>研发" in html

    def test_list_page_query_count_does_not_grow(self, policy: Any) -> None:
        client = Client()
        client.get(reverse("policies:list"))
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("policies:list"), {"q": "企业"})
        for n in range(6):
            make_policy(data={"title": f"企业政策{n}（演示数据）"})
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("policies:list"), {"q": "企业"})
        assert len(many) == len(few)

    def test_detail_clause_and_edition_pages(self, policy: Any) -> None:
        client = Client()
        assert client.get(reverse("policies:detail", args=[policy.pk])).status_code == 200
        page = client.get(reverse("policies:clause", args=[policy.pk, "第四条"]))
        assert "第一款" in page.content.decode()
        assert (
            client.get(reverse("policies:clause", args=[policy.pk, "第九十条"])).status_code == 404
        )
        assert (
            client.get(
                reverse("policies:applicable"), {"ask": "1", "park": "haikou-hitech"}
            ).status_code
            == 200
        )

    def test_form_keeps_what_was_typed_on_error(self) -> None:
        client = Client()
        client.force_login(user("office"))
        response = client.post(
            reverse("policies:create"),
            {"title": "只填了标题的政策", "effective_from": "2026-99-01"},
        )
        html = response.content.decode()
        assert response.status_code == 400 and "只填了标题的政策" in html
        assert Policy.objects.filter(title="只填了标题的政策").count() == 0

    def test_unit_member_may_not_open_the_editor(self) -> None:
        client = Client()
        client.force_login(user("unit-haikou"))
        assert client.get(reverse("policies:create")).status_code == 403


@pytest.mark.django_db
class TestSpreadsheet:
    def _sheet(self, rows: list[list[Any]]) -> bytes:
        workbook = load_workbook(io.BytesIO(spreadsheet.template()))
        for row in rows:
            workbook.active.append(row)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    def test_all_rows_or_none_with_row_and_column(self) -> None:
        good = ["表格导入政策（演示数据）", "", "", "海南省人民政府", "", "规范性文件", "创新创业"]
        bad = ["坏行（演示数据）", "", "", "不存在的机关", "", "规范性文件", "创新创业"]
        width = len(spreadsheet.ATTRS)
        start = [a.name for a in spreadsheet.ATTRS].index("effective_from")
        rows = [r + [""] * (width - len(r)) for r in (good, bad)]
        for r in rows:
            r[start] = "2025-01-01"
        from hicoop.policies.exceptions import ImportFailed

        with pytest.raises(ImportFailed) as err:
            spreadsheet.import_sheet(content=self._sheet(rows), actor=user("office"))
        problem = err.value.details["rows"][0]
        assert len(err.value.details["rows"]) == 1, err.value.details
        assert problem["row"] == 4 and problem["column"] == "发布机关"
        assert not Policy.objects.filter(title=good[0]).exists()
        assert spreadsheet.import_sheet(content=self._sheet(rows[:1]), actor=user("office")) == {
            "created": 1,
            "updated": 0,
        }


@pytest.mark.django_db
class TestCommand:
    def test_list_show_and_applicable(self, policy: Any, capsys: Any) -> None:
        out = io.StringIO()
        call_command("policies", "list", "--q", "研发中心", stdout=out)
        assert policy.title in out.getvalue() and "第三条" in out.getvalue()
        out = io.StringIO()
        call_command("policies", "show", str(policy.pk), "--clause", "第3条", stdout=out)
        assert "研发中心" in out.getvalue()
        out = io.StringIO()
        call_command(
            "policies", "applicable", "--region", "hainan", "--on", "2026-01-01", stdout=out
        )
        assert policy.title in out.getvalue()

    def test_bad_date_is_a_clear_error(self) -> None:
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            call_command("policies", "list", "--on", "明天", stdout=io.StringIO())

    def test_selectors_take_a_date(self, policy: Any) -> None:
        import datetime as dt

        found = selectors.search(user=None, filters=selectors.PolicyFilters(on=dt.date(2020, 1, 1)))
        assert policy.pk not in found.ids
