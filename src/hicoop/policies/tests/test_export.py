"""Excel and PDF export of an edition."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hicoop.core.testing import user
from hicoop.policies.services import editions


@pytest.fixture
def published(policy: Any) -> Any:
    office = user("office")
    edition = editions.create_edition(
        data={"year": 2025, "title": "2025年目录（演示数据）", "as_of": dt.date(2025, 6, 30)},
        actor=office,
    )
    editions.add_entry(edition=edition, policy=policy, actor=office, data={"summary": "落户奖励"})
    editions.transition_edition(edition=edition, action="review", actor=office)
    editions.transition_edition(edition=edition, action="publish", actor=office)
    return edition


@pytest.mark.django_db
class TestEditionExport:
    def test_excel_lists_each_entry_under_its_category(self, published: Any, policy: Any) -> None:
        response = Client().get(reverse("policies:edition-export", args=[2025, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == "类别" and rows[2][1] == policy.title and rows[2][7] == "落户奖励"

    def test_pdf_is_made_with_weasyprint(self, published: Any) -> None:
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError) as exc:
            pytest.skip(f"WeasyPrint or its system libraries (pango) are missing: {exc}")
        response = Client().get(reverse("policies:edition-export", args=[2025, "pdf"]))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-") and len(response.content) > 2000

    def test_unknown_format_is_not_found(self, published: Any) -> None:
        assert Client().get("/policies/editions/2025/export.doc").status_code == 404
