"""Spreadsheet import/export, the REST API, the command line, the pages and the demo."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from hicoop.core.testing import api_client, user
from hicoop.transfer import services
from hicoop.transfer.demo import ensure_demo
from hicoop.transfer.exceptions import ImportFailed
from hicoop.transfer.models import Grant, Transfer
from hicoop.transfer.services import spreadsheet
from hicoop.transfer.tests.factories import YEAR, licence

pytestmark = pytest.mark.django_db

HEADER = [
    "合同名称",
    "卖方（让与方）",
    "买方（受让方）",
    "合同类型",
    "合同金额（万元）",
    "签订日期",
    "技术合同登记号",
    "技术内容说明",
]


def sheet(*rows: list[Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    "声呐许可A",
    "demo-unit-shanghai-ocean",
    "demo-unit-haikou-bio",
    "技术许可",
    100,
    "2026-03-01",
    "202631010000000001",
    "说明",
]
GOOD2 = [
    "声呐服务B",
    "demo-unit-shanghai-ocean",
    "demo-unit-haikou-bio",
    "service",
    50,
    "2026-04-01",
    "",
    "说明",
]
BAD = [
    "声呐许可C",
    "demo-unit-shanghai-ocean",
    "demo-unit-haikou-bio",
    "licence",
    10,
    "2026-05-01",
    "2026-31-01",
    "说明",
]


class TestImport:
    def test_template_offers_labels_in_dropdowns_and_imports_them(self) -> None:
        # Given the template: a codes sheet and a dropdown on the contract-type column
        book = load_workbook(io.BytesIO(spreadsheet.template()))
        data, codes = book.worksheets
        assert codes.title == "代码表"
        head = [c.value for c in codes[1]]
        types = [r[head.index("合同类型")] for r in codes.iter_rows(min_row=2, values_only=True)]
        assert "技术许可" in types
        column = next(c.column_letter for c in data[1] if c.value == "合同类型")
        assert any(f"{column}3" in str(v.sqref) for v in data.data_validations.dataValidation)
        # When a row picks a label from that list, it imports as the code
        ws = book.active
        cells = dict(zip(HEADER, GOOD, strict=True))
        ws.append([cells.get(str(c.value), "") for c in data[1]])
        out = io.BytesIO()
        book.save(out)
        assert spreadsheet.import_sheet(content=out.getvalue(), actor=user("office")) == {
            "created": 1
        }
        assert Transfer.objects.get(title="声呐许可A").contract_type == "licence"

    def test_all_rows_imported(self) -> None:
        result = spreadsheet.import_sheet(content=sheet(GOOD, GOOD2), actor=user("unit-shanghai"))
        assert result == {"created": 2}
        assert Transfer.objects.get(title="声呐许可A").contract_type == "licence"

    def test_one_bad_registration_number_writes_nothing_and_names_the_row(self) -> None:
        with pytest.raises(ImportFailed) as caught:
            spreadsheet.import_sheet(content=sheet(GOOD, BAD, GOOD2), actor=user("office"))
        errors = caught.value.details["rows"]
        assert [(e["row"], e["column"]) for e in errors] == [(3, "技术合同登记号")]
        assert not Transfer.objects.filter(title__startswith="声呐").exists()

    def test_unknown_column_and_not_a_workbook(self) -> None:
        with pytest.raises(ImportFailed):
            spreadsheet.import_sheet(content=b"not a workbook", actor=user("office"))
        wb = Workbook()
        wb.active.append(["合同名称", "颜色"])
        out = io.BytesIO()
        wb.save(out)
        with pytest.raises(ImportFailed) as caught:
            spreadsheet.import_sheet(content=out.getvalue(), actor=user("office"))
        assert "header" in caught.value.details

    def test_export_imports_again(self, client: Any) -> None:
        licence(registration_number="202631010000000009")
        client.force_login(user("office"))
        body = client.get("/transfer/?export=xlsx").content
        rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
        assert rows[2][0] == "深海探测声呐技术许可合同"
        Transfer.objects.all().delete()
        assert spreadsheet.import_sheet(content=body, actor=user("office")) == {"created": 1}


class TestApi:
    def test_create_list_step_and_flows(self) -> None:
        client = api_client("unit-shanghai")
        created = client.post(
            "/api/v1/transfers/",
            {
                "title": "API许可",
                "seller": "demo-unit-shanghai-ocean",
                "buyer": "demo-unit-haikou-bio",
                "contract_type": "licence",
                "amount": "30",
                "signed_on": f"{YEAR}-02-02",
                "description": "x",
            },
            format="json",
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert (
            client.post(
                f"/api/v1/transfers/{pk}/step/", {"action": "sign"}, format="json"
            ).status_code
            == 200
        )
        refused = client.post(
            f"/api/v1/transfers/{pk}/step/",
            {"action": "register", "registration_number": "202631010000000003"},
            format="json",
        )
        assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
        office = api_client("office")
        assert (
            office.post(
                f"/api/v1/transfers/{pk}/step/",
                {"action": "register", "registration_number": "202631010000000003"},
                format="json",
            ).json()["status"]
            == "registered"
        )
        flows = office.get(f"/api/v1/transfers/flows/?year={YEAR}").json()
        assert flows["count"] == 1 and flows["links"][0]["target"] == "海口国家高新技术产业开发区"
        assert flows["funnel"][0]["stage"] == "listed"
        assert api_client("hunan").get("/api/v1/transfers/").json()["count"] == 0

    def test_bad_input_is_a_clear_400(self) -> None:
        client = api_client("unit-shanghai")
        bad = client.post("/api/v1/transfers/", {"title": ["x"], "amount": "lots"}, format="json")
        assert bad.status_code == 400
        body = bad.json()
        assert body["code"] == "validation_error" and {"title", "amount", "seller"} <= set(
            body["details"]
        )
        assert client.get("/api/v1/transfers/flows/?year=abc").status_code == 400
        assert client.get("/api/v1/transfers/abc/").status_code == 404
        assert api_client().get("/api/v1/transfers/").status_code in (401, 403)


class TestCli:
    def test_list_import_and_error(self, tmp_path: Any) -> None:
        good = tmp_path / "good.xlsx"
        good.write_bytes(sheet(GOOD))
        out = io.StringIO()
        call_command("transfer", "import", str(good), stdout=out)
        assert '"created": 1' in out.getvalue()
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(sheet(BAD))
        with pytest.raises(CommandError) as caught:
            call_command("transfer", "import", str(bad))
        assert "row 2" in str(caught.value)
        out = io.StringIO()
        call_command("transfer", "list", stdout=out)
        assert "声呐许可A" in out.getvalue()
        out = io.StringIO()
        call_command("transfer", "indicators", "--year", "2026", stdout=out)
        assert '"contracts": 0' in out.getvalue()


class TestPages:
    def test_list_form_detail_flows_pilot_campaigns(self, client: Any) -> None:
        ensure_demo()
        client.force_login(user("office"))
        for url in (
            "/transfer/",
            "/transfer/new/",
            "/transfer/flows/?year=2026",
            "/transfer/pilot/",
            "/transfer/campaigns/",
            "/transfer/import/",
            "/transfer/?q=合同&status=registered&sort=-amount",
        ):
            assert client.get(url).status_code == 200, url
        flows = client.get("/transfer/flows/?year=2026").content.decode()
        assert "hicoop/vendor/echarts/echarts.min.js" in flows and "cdn" not in flows.lower()
        transfer = Transfer.objects.filter(status="completed").first()
        assert client.get(f"/transfer/{transfer.pk}/").status_code == 200
        assert client.get(f"/transfer/{transfer.pk}/edit/").status_code == 200

    def test_form_shows_errors_not_500(self, client: Any) -> None:
        client.force_login(user("unit-shanghai"))
        page = client.post(
            "/transfer/new/", {"title": "", "amount": "-5", "registration_number": "123"}
        )
        assert page.status_code == 200
        assert (
            "technology contract registration number has 18 digits" in page.content.decode()
            or "18位" in page.content.decode()
        )


class TestDemo:
    def test_demo_covers_the_issue_and_is_idempotent(self) -> None:
        first = ensure_demo()
        second = ensure_demo()
        assert first["transfer contracts"] == 6 and second["transfer contracts"] == 0
        demo = Transfer.objects.filter(is_demo=True)
        assert set(demo.values_list("contract_type", flat=True)) == {
            "development",
            "assignment",
            "licence",
            "consulting",
            "service",
            "equity",
        }
        assert {"sunan", "zhejiang", "minhang", "hainan"} <= set(
            demo.values_list("zone", flat=True)
        )
        tags = {t for row in demo.values_list("programmes", flat=True) for t in row}
        assert {"new_drugs", "hundred_cities"} <= tags
        assert Grant.objects.filter(is_demo=True, status="refused").count() == 1
        # a Hunan coordinator sees Hunan's contract only
        from hicoop.transfer import selectors

        seen = [t.seller.name for t in selectors.transfer_list(user=user("hunan"))]
        assert len(seen) == 1 and seen[0].startswith("长沙海工装备有限公司")


class TestCampaignPages:
    def test_office_creates_campaign_unit_adopts_and_makes_a_contract(self, client: Any) -> None:
        from hicoop.transfer.models import Adoption, Campaign
        from hicoop.transfer.tests.factories import achievement

        sonar = achievement()
        client.force_login(user("office"))
        page = client.post(
            "/transfer/campaigns/new/",
            {
                "name": "百城百园测试活动",
                "year": "2026",
                "organiser": "mechanism:nttc-hainan",
                "places": "mechanism:haikou；mechanism:sanya",
                "achievements": str(sonar.pk),
            },
        )
        campaign = Campaign.objects.get(name="百城百园测试活动")
        assert page.status_code == 302 and campaign.places.count() == 2
        bad = client.post(
            "/transfer/campaigns/new/", {"name": "x", "year": "1800", "organiser": "nobody"}
        )
        assert bad.status_code == 200 and Campaign.objects.count() == 1
        client.force_login(user("unit-haikou"))
        client.post(
            f"/transfer/campaigns/{campaign.pk}/adoptions/",
            {
                "achievement": sonar.pk,
                "adopter": "demo-unit-haikou-bio",
                "adopted_on": "2026-05-05",
                "result": "adopted",
            },
        )
        adoption = Adoption.objects.get(campaign=campaign)
        made = client.post(
            f"/transfer/campaigns/{campaign.pk}/adoptions/{adoption.pk}/contract/",
            {"contract_type": "licence", "amount": "80"},
        )
        adoption.refresh_from_db()
        assert made.status_code == 302 and adoption.transfer is not None
        assert adoption.transfer.programmes == ["hundred_cities"]
        assert adoption.transfer.seller.external_id == "demo-unit-shanghai-ocean"

    def test_unit_cannot_adopt_for_another_unit(self) -> None:
        from hicoop.core.exceptions import PermissionDenied
        from hicoop.transfer.tests.factories import achievement

        sonar = achievement()
        campaign = services.create_campaign(
            data={
                "name": "活动",
                "year": 2026,
                "organiser": "mechanism:nttc-hainan",
                "achievements": [str(sonar.pk)],
            },
            actor=user("office"),
        )
        with pytest.raises(PermissionDenied):
            services.record_adoption(
                campaign=campaign,
                data={
                    "achievement": str(sonar.pk),
                    "adopter": "mechanism:yazhou-bay",
                    "adopted_on": "2026-05-05",
                    "result": "interested",
                },
                actor=user("unit-haikou"),
            )


class TestCentre:
    def test_centre_is_a_service_organisation_once(self, client: Any) -> None:
        from hicoop.core.actors import LOADER
        from hicoop.core.loading import LoadReport
        from hicoop.transfer.mechanism import ensure_mechanism
        from hicoop.transfer.models import ServiceOrganisation

        ensure_mechanism(actor=LOADER, report=LoadReport())
        centre = ServiceOrganisation.objects.get(party__external_id="mechanism:nttc-hainan")
        assert centre.is_national_centre and centre.services
        licence(broker="mechanism:nttc-hainan")
        client.force_login(user("office"))
        page = client.get("/transfer/organisations/").content.decode()
        assert "国家技术转移海南中心" in page


class TestListQueries:
    def test_list_page_query_count_is_flat(
        self, client: Any, django_assert_max_num_queries: Any
    ) -> None:
        for n in range(12):
            licence(title=f"合同{n}")
        client.force_login(user("office"))
        with django_assert_max_num_queries(20):
            assert client.get("/transfer/").status_code == 200
