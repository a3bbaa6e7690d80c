"""Issue 10 for the catalogue-entry import: codes sheet and dropdowns in the template, labels or
codes accepted, a wrong value refused by row and column with nothing written; code columns in
the exports."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from hicoop.core.testing import user
from hicoop.policies.exceptions import ImportFailed
from hicoop.policies.models import Policy
from hicoop.policies.services import spreadsheet

pytestmark = pytest.mark.django_db

CODED = {
    "层级": "level",
    "类别": "category",
    "适用主体": "for entity kinds",
    "企业规模": "for unit sizes",
    "外籍人才": "foreign talent",
}
TITLE = "代码导入政策（演示数据）"


def template_book(language: str = "zh-hans") -> Any:
    with translation.override(language):
        return load_workbook(io.BytesIO(spreadsheet.template()))


def filled(**cells: Any) -> bytes:
    """The template with one row; ``cells`` by attribute name."""
    book = template_book()
    sheet = book.worksheets[0]
    names = {a.en: a.name for a in spreadsheet.ATTRS}
    data = {"title": TITLE, "issuer": "海南省人民政府", "effective_from": "2025-01-01", **cells}
    sheet.append([data.get(names.get(str(c.value), ""), "") for c in sheet[2]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class TestTemplate:
    @pytest.mark.parametrize("language", ["zh-hans", "en"])
    def test_codes_sheet_and_a_dropdown_on_each_choice_column(self, language: str) -> None:
        data, codes = template_book(language).worksheets
        assert codes.title == ("Codes" if language == "en" else "代码表")
        ranges = " ".join(str(v.sqref) for v in data.data_validations.dataValidation)
        validated = {str(c.value) for c in data[1] if f"{c.column_letter}3:" in ranges}
        assert validated == set(
            CODED
        )  # the first header row is Chinese for columns without label_en
        listed = [str(v) for row in codes.iter_rows(min_row=2, values_only=True) for v in row]
        with translation.override(language):
            label = translation.gettext("Normative document")
        assert label in listed and "normative_document" in listed and "talent" in listed

    def test_the_page_and_the_cli_give_it(self, tmp_path: Path) -> None:
        client = Client()
        client.force_login(user("office"))
        assert 'id="import-template"' in client.get("/policies/").content.decode()
        response = client.get("/policies/import-template/")
        assert load_workbook(io.BytesIO(response.content)).worksheets[1].title == "代码表"
        client.force_login(user("unit-haikou"))
        assert client.get("/policies/import-template/").status_code == 403
        target = tmp_path / "policies.xlsx"
        call_command("policies", "template", str(target))
        assert load_workbook(target).worksheets[1].title == "代码表"


class TestImport:
    @pytest.mark.parametrize(
        ("level", "category", "sizes"),
        [
            ("规范性文件", "人才引进", "小型；中型"),
            ("Normative document", "Talent attraction", "Small; Medium"),
            ("normative_document", "TALENT", "small, medium"),
        ],
    )
    def test_label_or_code_imports_as_the_code(self, level: str, category: str, sizes: str) -> None:
        content = filled(level=level, category=category, sizes=sizes)
        assert spreadsheet.import_sheet(content=content, actor=user("office")) == {
            "created": 1,
            "updated": 0,
        }
        policy = Policy.objects.get(title=TITLE)
        assert (policy.level, policy.category) == ("normative_document", "talent")
        assert sorted(policy.sizes) == ["medium", "small"]

    def test_a_wrong_value_names_row_column_and_allowed_values(self) -> None:
        content = filled(level="规范性文件", category="乡村振兴")
        with pytest.raises(ImportFailed) as caught:
            spreadsheet.import_sheet(content=content, actor=user("office"))
        [problem] = caught.value.details["rows"]
        assert (problem["row"], problem["column"]) == (3, "类别")
        assert "“乡村振兴”" in problem["message"] and "(talent)" in problem["message"]
        assert not Policy.objects.filter(title=TITLE).exists()


class TestExport:
    def test_the_list_export_puts_codes_beside_labels(self) -> None:
        spreadsheet.import_sheet(
            content=filled(level="规范性文件", category="人才引进"), actor=user("office")
        )
        client = Client()
        client.force_login(user("office"))
        response = client.get("/policies/", {"q": "代码导入政策", "export": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [c.value for c in sheet[1]]
        row = dict(zip(header, [c.value for c in sheet[3]], strict=True))
        assert header.index("类别代码") == header.index("类别") + 1
        assert (row["层级代码"], row["类别代码"]) == ("normative_document", "talent")
        assert row["类别"] != "talent"
