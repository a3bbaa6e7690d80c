"""Listing pages and API: the demand loop per role, upload page, exports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hicoop.core.testing import api_client, user
from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Achievement, Demand
from hicoop.listings.tests.conftest import make_demand
from hicoop.listings.tests.test_spreadsheets import achievement_rows, workbook

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


class TestDemandLoopInPages:
    def test_unit_submits_office_publishes_partner_finds(self) -> None:
        # Given a Hainan unit member who fills in the demand form
        member = logged_in("unit-haikou")
        response = member.post(
            reverse("listings:create", args=["demands"]),
            {
                "title": "槟榔黄化病快速检测与防控技术合作",
                "owner": str(user("unit-haikou").memberships.get().party_id),
                "description": "需要合作方提供槟榔黄化病病原快速检测试剂盒与田间综合防控方案。",
                "measure": "1",
                "mode": "point_to_point",
                "fields": ["tropical-agriculture"],
                "required_capabilities": "病原检测；植保",
                "ends_on": "2027-12-31",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        demand = Demand.objects.get(title="槟榔黄化病快速检测与防控技术合作")
        member.post(reverse("listings:transition", args=["demands", demand.pk, "submit"]))
        # When the joint office publishes it
        office = logged_in("office")
        assert "槟榔黄化病" in office.get(reverse("listings:review")).content.decode()
        office.post(reverse("listings:transition", args=["demands", demand.pk, "publish"]))
        demand.refresh_from_db()
        assert demand.status == ListingStatus.PUBLISHED
        # Then a Shanghai unit finds it by Chinese words of its text, filtered by field
        html = (
            logged_in("unit-shanghai")
            .get(
                reverse("listings:list", args=["demands"]),
                {"q": "检测试剂盒", "field": "tropical-agriculture"},
            )
            .content.decode()
        )
        assert "<mark>" in html and "槟榔黄化病快速检测与防控技术合作" in html.replace(
            "<mark>", ""
        ).replace("</mark>", "")

    def test_form_errors_are_shown_and_nothing_saved(self) -> None:
        before = Demand.objects.count()
        response = logged_in("unit-haikou").post(
            reverse("listings:create", args=["demands"]),
            {"title": "", "budget_min": "abc", "ends_on": "明年"},
        )
        html = response.content.decode()
        assert response.status_code == 400
        for name in ("title", "owner", "description", "budget_min", "ends_on"):
            assert f'data-field="{name}"' in html
        assert Demand.objects.count() == before

    def test_partner_cannot_publish(self) -> None:
        demand = make_demand()
        response = logged_in("unit-haikou").post(
            reverse("listings:transition", args=["demands", demand.pk, "submit"])
        )
        assert response.status_code == 302
        logged_in("shanghai").post(
            reverse("listings:transition", args=["demands", demand.pk, "publish"])
        )
        demand.refresh_from_db()
        assert demand.status == ListingStatus.SUBMITTED


class TestUploadPage:
    def test_broken_then_fixed_upload(self) -> None:
        client = logged_in("shanghai")
        rows = achievement_rows(3)
        rows[2][2] = "不存在的单位"
        bad = io.BytesIO(workbook(rows))
        bad.name = "broken.xlsx"
        response = client.post(reverse("listings:import", args=["achievements"]), {"file": bad})
        html = response.content.decode()
        assert response.status_code == 400 and 'id="row-errors"' in html and "<td>5</td>" in html
        assert not Achievement.objects.filter(external_id__startswith="sh-a-").exists()
        good = io.BytesIO(workbook(achievement_rows(3)))
        good.name = "fixed.xlsx"
        html = client.post(
            reverse("listings:import", args=["achievements"]), {"file": good}
        ).content.decode()
        assert 'id="import-result"' in html
        assert Achievement.objects.filter(external_id__startswith="sh-a-").count() == 3


@pytest.mark.parametrize("plural", ["demands", "capabilities", "achievements"])
class TestExports:
    def test_every_list_exports_to_excel(self, plural: str, published_demand: Any) -> None:
        response = logged_in("office").get(
            reverse("listings:list", args=[plural]), {"export": "xlsx"}
        )
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(1, 2).value == "标题"
        if plural == "demands":
            assert sheet.cell(3, 2).value == published_demand.title

    def test_api_export_and_list(self, plural: str, published_demand: Any) -> None:
        client = api_client("unit-shanghai")
        assert client.get(f"/api/v1/{plural}/", {"export": "csv"}).status_code == 200
        body = client.get(f"/api/v1/{plural}/").json()
        assert "results" in body


class TestDemandApi:
    def test_search_and_errors(self, published_demand: Any) -> None:
        client = api_client("unit-shanghai")
        hits = client.get("/api/v1/demands/", {"q": "智能投喂", "field": "deep-sea"}).json()
        assert [r["title"] for r in hits["results"]] == [published_demand.title]
        assert hits["results"][0]["matched"]
        bad = api_client("unit-haikou").post(
            "/api/v1/demands/", {"title": "x", "mode": "solo"}, format="json"
        )
        assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
        assert {"owner", "mode", "description", "measure"} <= set(bad.json()["details"])

    def test_transition_and_history(self) -> None:
        demand = make_demand()
        client = api_client("unit-haikou")
        assert (
            client.post(
                f"/api/v1/demands/{demand.pk}/transition/", {"action": "submit"}, format="json"
            ).status_code
            == 200
        )
        refused = client.post(
            f"/api/v1/demands/{demand.pk}/transition/", {"action": "publish"}, format="json"
        )
        assert refused.status_code == 403
        illegal = api_client("office").post(
            f"/api/v1/demands/{demand.pk}/transition/", {"action": "match"}, format="json"
        )
        assert illegal.status_code == 409 and illegal.json()["code"] == "transition_not_allowed"
        history = client.get(f"/api/v1/demands/{demand.pk}/history/").json()
        assert [h["action"] for h in history] == ["submit", "create"]

    def test_anonymous_sees_published_without_contacts(self, published_demand: Any) -> None:
        body = api_client().get(f"/api/v1/demands/{published_demand.pk}/").json()
        assert body["title"] == published_demand.title and "contact_phone" not in body
        draft = make_demand(title="草稿需求")
        assert api_client().get(f"/api/v1/demands/{draft.pk}/").status_code == 404
        assert api_client("unit-shanghai").get(f"/api/v1/demands/{draft.pk}/").status_code == 404
        assert api_client("haikou-park").get(f"/api/v1/demands/{draft.pk}/").status_code == 200


class TestListingRoleMatrix:
    @pytest.mark.parametrize(
        ("role", "sees_draft", "edits"),
        [
            ("office", True, True),
            ("ministry", True, False),
            ("evaluator", True, False),
            ("haikou-park", True, True),
            ("unit-haikou", True, True),
            ("shanghai", False, False),
            ("unit-shanghai", False, False),
        ],
    )
    def test_draft_visibility_and_edit(self, role: str, sees_draft: bool, edits: bool) -> None:
        draft = make_demand()
        client = api_client(role)
        assert (client.get(f"/api/v1/demands/{draft.pk}/").status_code == 200) is sees_draft
        response = client.patch(
            f"/api/v1/demands/{draft.pk}/", {"title": "改过的标题"}, format="json"
        )
        assert (response.status_code == 200) is edits
        draft.refresh_from_db()
        assert (draft.title == "改过的标题") is edits


class TestAttachments:
    def test_owner_attaches_partner_downloads_bad_type_refused(
        self, published_demand: Any, settings: Any, tmp_path: Any
    ) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        settings.MEDIA_ROOT = tmp_path
        owner = logged_in("unit-haikou")
        url = reverse("listings:attach", args=["demands", published_demand.pk])
        owner.post(url, {"file": SimpleUploadedFile("需求说明.pdf", b"%PDF-1.4 test")})
        owner.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ")})
        from hicoop.listings.attachments import attachments_of

        names = [a.name for a in attachments_of(published_demand)]
        assert names == ["需求说明.pdf"]
        attachment = attachments_of(published_demand).get()
        download = logged_in("unit-shanghai").get(
            reverse("listings:attachment", args=["demands", published_demand.pk, attachment.pk])
        )
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
        partner_upload = logged_in("unit-shanghai").post(
            url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
        )
        assert partner_upload.status_code == 302
        assert attachments_of(published_demand).count() == 1
