"""Values that must never be stored (issue 11): decimals larger than their column, numbers given
as lists or with a fraction, text given as a list. Each was stored (or raised a 500) before."""

from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.testing import api_client
from hicoop.listings.tests.conftest import make_demand

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget_max", "1e15"),
        ("budget_max", "1e30"),
        ("budget_min", "NaN"),
        ("budget_max", "Infinity"),
        ("budget_max", 10_000_000_000),
        ("measure", 1.5),
        ("measure", "1e400"),
        ("measure", ["1"]),
        ("title", ["a"]),
        ("title", {"zh": "标题"}),
    ],
)
def test_out_of_range_or_wrongly_typed_values_are_refused(field: str, value: Any) -> None:
    # Given a demand whose `field` is out of range or of the wrong JSON type
    # When it is created through the service (as the API, forms and spreadsheets do)
    with pytest.raises(ValidationFailed) as refused:
        make_demand(**{field: value})
    # Then it is refused naming the field
    assert field in refused.value.details


def test_the_api_refuses_a_budget_larger_than_its_column() -> None:
    client = api_client("unit-haikou")
    body = {
        "title": "预算过大",
        "owner": "demo-unit-haikou-bio",
        "description": "测试",
        "measure": 1,
        "mode": "one_to_one",
        "fields": ["deep-sea"],
        "budget_max": "1e15",
    }
    response = client.post("/api/v1/demands/", body, format="json")
    assert response.status_code == 400, response.content[:300]
    assert "budget_max" in response.json()["details"]


def test_largest_budget_that_fits_is_kept() -> None:
    demand = make_demand(budget_min="0", budget_max="9999999999.99")
    demand.refresh_from_db()
    assert str(demand.budget_max) == "9999999999.99"


def test_anonymous_exports_hide_what_the_anonymous_page_hides(published_demand: Any) -> None:
    # Given a published demand with a contact person and phone
    published_demand.contact_person, published_demand.contact_phone = "张三", "13800000000"
    published_demand.save()
    for fmt in ("csv", "xlsx"):
        # When an anonymous visitor exports the list (API and page)
        for url in ("/api/v1/demands/", "/demands/"):
            response = api_client().get(url, {"export": fmt})
            assert response.status_code == 200, (url, response.status_code)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            # Then neither the contact nor the phone is in it
            if fmt == "csv":
                text = content.decode("utf-8-sig")
                assert "13800000000" not in text and "张三" not in text
                assert published_demand.title in text
            else:
                import io

                from openpyxl import load_workbook

                sheet = load_workbook(io.BytesIO(content)).active
                values = {str(c.value) for row in sheet.iter_rows() for c in row}
                assert "13800000000" not in values and "张三" not in values
    # while a signed-in user still gets the contact
    signed_in = api_client("office").get("/api/v1/demands/", {"export": "csv"})
    assert "13800000000" in signed_in.content.decode("utf-8-sig")


def _csv(rows: list[list[Any]]) -> str:
    import csv
    import io

    from hicoop.listings import spreadsheets

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    cols = spreadsheets.columns("achievement")
    writer.writerow([c.zh for c in cols])
    writer.writerow([c.en for c in cols])
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_gbk_or_with_bom_is_read(encoding: str) -> None:
    from hicoop.core.testing import user
    from hicoop.listings import spreadsheets
    from hicoop.listings.tests.test_spreadsheets import achievement_rows

    # Given a CSV that Excel on a Chinese Windows saved (GBK), or UTF-8 with a BOM
    content = _csv(achievement_rows(3)).encode(encoding)
    # When it is imported
    result = spreadsheets.import_file(
        kind="achievement", content=content, filename="a.csv", actor=user("shanghai")
    )
    # Then every row is read
    assert result.created == 3


def test_an_html_file_named_csv_is_refused_by_content() -> None:
    from hicoop.core.testing import user
    from hicoop.listings import spreadsheets

    with pytest.raises(spreadsheets.ImportFailed):
        spreadsheets.import_file(
            kind="achievement",
            content=b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            filename="a.csv",
            actor=user("shanghai"),
        )
    with pytest.raises(spreadsheets.ImportFailed):
        spreadsheets.import_file(
            kind="achievement", content=b"<html></html>", filename="a.xlsx", actor=user("shanghai")
        )


def test_a_workbook_declaring_a_huge_sheet_reads_only_template_columns() -> None:
    import io
    import time
    import zipfile

    from hicoop.core import tabular
    from hicoop.listings.tests.test_spreadsheets import achievement_rows, workbook

    # Given a small workbook whose sheet declares the dimension A1:XFD5000
    original = workbook(achievement_rows(2))
    patched = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(patched, "w") as dst:
        for part in src.infolist():
            body = src.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                import re

                body = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD5000"', body)
            dst.writestr(part, body)
    # When it is read
    started = time.monotonic()
    rows = tabular.xlsx_rows(patched.getvalue(), max_rows=100, max_cols=64)
    # Then rows are cut to the columns asked for, quickly
    assert all(len(r) <= 64 for r in rows)
    assert time.monotonic() - started < 10


def test_a_zip_bomb_is_refused_before_parsing() -> None:
    import io
    import zipfile

    from hicoop.core import tabular

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (tabular.MAX_UNCOMPRESSED + 1))
    with pytest.raises(tabular.UnreadableFile):
        tabular.xlsx_rows(buffer.getvalue(), max_rows=10, max_cols=10)
