"""Pages: asking for a report as a job, reading and downloading it within scope, the network
with its export, and the public progress page as an anonymous visitor."""

from __future__ import annotations

import pytest
from django.test import Client

from hicoop.cooperation.models import CooperationItem
from hicoop.core.testing import party, user
from hicoop.policies.models import Edition
from hicoop.reports.models import Report

pytestmark = pytest.mark.django_db


def _client(username: str | None = None) -> Client:
    client = Client()
    if username:
        client.force_login(user(username))
    return client


class TestPages:
    def test_reports_network_and_public_progress(self, demo_data: None) -> None:
        # given the Shanghai coordinator on the reports page
        shanghai = _client("shanghai")
        page = shanghai.get("/reports/")
        assert page.status_code == 200 and "生成年度报告" in page.content.decode()
        # when they ask for Shanghai's 2025 report with the button (a job)
        region = party("shanghai")
        answer = shanghai.post("/reports/generate/", {"year": "2025", "scope": str(region.pk)})
        # then the job page follows and the report is stored with its files
        assert answer.status_code == 302 and "/jobs/" in answer["Location"]
        report = Report.objects.get(scope_party=region)
        assert report.status == "ready" and len(report.files) == 3
        detail = shanghai.get(f"/reports/{report.pk}/")
        assert detail.status_code == 200 and "科技园区对口帮扶" in detail.content.decode()
        download = shanghai.get(f"/reports/{report.pk}/file/docx/")
        assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
        # and another region's coordinator neither reads nor downloads it
        assert _client("hunan").get(f"/reports/{report.pk}/").status_code == 404
        assert _client("hunan").get(f"/reports/{report.pk}/file/pdf/").status_code == 404
        # and a scope outside their own is refused with a message, not a 500
        refused = shanghai.post(
            "/reports/generate/", {"year": "2025", "scope": str(party("hunan").pk)}, follow=True
        )
        assert "只能生成本地区或本园区的报告" in refused.content.decode()
        bad = shanghai.post("/reports/generate/", {"year": "abc"}, follow=True)
        assert "2020" in bad.content.decode()

        # the network: the graph as JSON, the table, its export, filters
        office = _client("office")
        graph = office.get("/reports/network/?format=json").json()
        assert graph["nodes"] and graph["edges"]
        assert {e["measure"] for e in graph["edges"]} <= {1, 2, 3, 4, 5}
        page = office.get("/reports/network/?measure=4").content.decode()
        assert "hicoop/vendor/echarts/echarts.min.js" in page and "cdn" not in page.lower()
        only_pairings = office.get("/reports/network/?measure=4&format=json").json()
        assert only_pairings["edges"] and all(
            e["items"] == 0 or e["measure"] == 4 for e in only_pairings["edges"]
        )
        sheet = office.get("/reports/network/?format=xlsx")
        assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
        hunan_graph = _client("hunan").get("/reports/network/?format=json").json()
        assert len(hunan_graph["edges"]) < len(graph["edges"])

        # the public progress page, as an anonymous visitor
        public = Client().get("/reports/progress/")
        assert public.status_code == 200
        text = public.content.decode()
        assert "按措施进度" in text and "合作机制进展" in text
        published = Edition.objects.get(year=2025)
        assert published.display_title in text
        draft = Edition.objects.get(year=2026)
        assert draft.status != "published" and draft.display_title not in text
        # never a personal datum: no responsible person, contact or item title
        for item in CooperationItem.objects.all():
            for personal in (
                item.hainan_lead,
                item.hainan_lead_contact,
                item.partner_lead,
                item.partner_lead_contact,
            ):
                assert not personal or personal not in text
            assert item.title not in text
        # anonymous visitors do not see reports or the network
        assert Client().get("/reports/").status_code == 302
        assert Client().get("/reports/network/").status_code == 302
