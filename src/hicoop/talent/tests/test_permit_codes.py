"""Issue 10 for the permit import: the template's codes sheet and dropdowns, labels or codes
accepted, a wrong value refused by name with nothing written, exports with code columns."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from hicoop.core.exceptions import ValidationFailed
from hicoop.talent.models import Permit
from hicoop.talent.services import permits
from hicoop.talent.tests.conftest import permit_data

pytestmark = pytest.mark.django_db

CODED = {"岗位类别": "Position kind", "类别": "Class", "状态": "Status"}


def template_book(language: str) -> Any:
    with translation.override(language):
        return load_workbook(io.BytesIO(permits.template()))


def filled(language: str, **cells: Any) -> bytes:
    """The template with one row from ``permit_data`` and ``cells`` put in by key."""
    book = template_book(language)
    sheet = book.worksheets[0]
    keys = [c.value for c in sheet[2]]
    data = {**permit_data("HN-C-1"), **cells}
    sheet.append([data.get(str(k), "") for k in keys])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def validated_headers(sheet: Any) -> set[str]:
    ranges = " ".join(str(v.sqref) for v in sheet.data_validations.dataValidation)
    return {str(c.value) for c in sheet[1] if f"{c.column_letter}3:" in ranges}


class TestTemplate:
    @pytest.mark.parametrize("language", ["zh-hans", "en"])
    def test_codes_sheet_and_a_dropdown_on_each_choice_column(self, language: str) -> None:
        data, codes = template_book(language).worksheets
        english = language == "en"
        assert codes.title == ("Codes" if english else "代码表")
        wanted = set(CODED.values()) if english else set(CODED)
        assert validated_headers(data) == wanted
        listed = [str(v) for row in codes.iter_rows(min_row=2, values_only=True) for v in row]
        with translation.override(language):
            label = translation.gettext("Class B (professional)")
        assert label in listed and "B" in listed and "legal" in listed

    def test_the_page_and_the_cli_give_the_template(self, officer: Any, tmp_path: Path) -> None:
        client = Client()
        client.force_login(officer)
        response = client.get("/talent/permits/import/?template=1")
        assert response.status_code == 200
        assert load_workbook(io.BytesIO(response.content)).worksheets[1].title == "代码表"
        assert "?template=1" in client.get("/talent/permits/import/").content.decode()
        target = tmp_path / "permits.xlsx"
        call_command("talent", "template", str(target))
        assert load_workbook(target).worksheets[1].title == "代码表"


class TestImport:
    @pytest.mark.parametrize(
        ("kind", "klass", "status"),
        [
            ("法律服务", "B类（专业人才）", "有效"),
            ("Legal services", "Class B (professional)", "Valid"),
            ("legal", "b", "valid"),
        ],
    )
    def test_label_or_code_imports_as_the_code(
        self, officer: Any, legal_group: Any, kind: str, klass: str, status: str
    ) -> None:
        content = filled("zh-hans", position_kind=kind, permit_class=klass, status=status)
        created = permits.import_permits(rows=permits.rows_from_xlsx(content), actor=officer)
        assert [(p.position_kind, p.permit_class, p.status) for p in created] == [
            ("legal", "B", "valid")
        ]

    def test_a_wrong_value_names_row_column_and_allowed_values(
        self, officer: Any, legal_group: Any
    ) -> None:
        content = filled("zh-hans", permit_class="D类")
        with pytest.raises(ValidationFailed) as caught:
            permits.import_permits(rows=permits.rows_from_xlsx(content), actor=officer)
        [problem] = caught.value.details["rows"]
        assert (problem["row"], problem["column"]) == (3, "类别")
        assert "“D类”" in problem["message"] and "(B)" in problem["message"]
        assert not Permit.objects.exists()


class TestExport:
    def test_labels_with_their_codes_beside_them(self, officer: Any, permit: Permit) -> None:
        client = Client()
        client.force_login(officer)
        sheet = load_workbook(io.BytesIO(client.get("/talent/permits/export/").content)).active
        header = [c.value for c in sheet[1]]
        row = dict(zip(header, [c.value for c in sheet[3]], strict=True))
        assert header.index("类别代码") == header.index("类别") + 1
        assert (row["类别代码"], row["岗位类别代码"], row["状态代码"]) == ("B", "legal", "valid")
        assert row["类别"] != "B" and row["状态"] != "valid"


def rows_with_code_column(klass: Any, code: Any, *, label_column: bool = True) -> list[list[Any]]:
    """A sheet as an export gives it: the class label, then its code in a column of its own."""
    from hicoop.talent.records import PERMIT_ATTRS

    data = permit_data("HN-C-9")
    header: list[Any] = []
    row: list[Any] = []
    for attr in PERMIT_ATTRS:
        if attr.name != "permit_class" or label_column:
            header.append(attr.zh)
            row.append(klass if attr.name == "permit_class" else data.get(attr.name, ""))
        if attr.name == "permit_class":
            header.append("类别代码")
            row.append(code)
    return [header, row]


class TestCodeColumn:
    """The permit import reads an export's code column beside its label (they must agree)."""

    @pytest.mark.parametrize(
        ("klass", "code"), [("B类（专业人才）", "B"), ("", "B"), ("Class B (professional)", "")]
    )
    def test_label_and_code_together_or_either_alone(
        self, officer: Any, legal_group: Any, klass: str, code: str
    ) -> None:
        created = permits.import_permits(rows=rows_with_code_column(klass, code), actor=officer)
        assert [p.permit_class for p in created] == ["B"]

    def test_a_code_column_without_its_label_column_is_enough(
        self, officer: Any, legal_group: Any
    ) -> None:
        rows = rows_with_code_column(None, "C", label_column=False)
        created = permits.import_permits(rows=rows, actor=officer)
        assert [p.permit_class for p in created] == ["C"]

    def test_a_label_and_a_code_that_disagree_are_refused_by_row_and_column(
        self, officer: Any, legal_group: Any
    ) -> None:
        with pytest.raises(ValidationFailed) as caught:
            permits.import_permits(
                rows=rows_with_code_column("B类（专业人才）", "C"), actor=officer
            )
        [problem] = caught.value.details["rows"]
        assert (problem["row"], problem["column"]) == (2, "类别")
        assert "B" in problem["message"] and "C" in problem["message"]
        assert not Permit.objects.exists()
