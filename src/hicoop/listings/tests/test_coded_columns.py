"""Spreadsheets in the user's words (issue 10/11): dropdowns of labels and a codes sheet in the
template, label or code accepted on import, label plus code column in exports, and an export that
imports back — unchanged when unedited, with the edit when a cell was changed."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from hicoop.core.testing import api_client, user
from hicoop.listings import spreadsheets
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.listings.tests.conftest import make_demand, publish

pytestmark = pytest.mark.django_db


def _sheet_bytes(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _export(plural: str, fmt: str = "xlsx", username: str = "office", lang: str = "") -> bytes:
    client = api_client(username)
    if lang:
        client.cookies["django_language"] = lang
    response = client.get(f"/api/v1/{plural}/", {"export": fmt})
    assert response.status_code == 200
    return response.content


def _header_index(sheet: Any, key: str) -> int:
    return next(c.column for c in sheet[2] if c.value == key)


class TestTemplate:
    def test_codes_sheet_and_dropdowns_in_chinese(self) -> None:
        book = load_workbook(io.BytesIO(spreadsheets.template_bytes("demand")))
        data, codes = book.worksheets
        assert codes.title == "代码表" and book.active.title == data.title
        # the codes sheet lists label ↔ code per coded column
        pairs = {
            (r[i], r[i + 1]) for r in codes.iter_rows(values_only=True) for i in range(0, len(r), 2)
        }
        assert ("点对点", "point_to_point") in pairs
        mode_column = next(i for i, c in enumerate(codes[1]) if c.value == "合作模式")
        mode_labels = [r[mode_column] for r in codes.iter_rows(min_row=2, values_only=True)]
        assert mode_labels[:3] == ["一对一", "点对点", "多对一"]
        measures = [c.value for c in codes[codes.cell(1, 1).column_letter] if c.value]
        assert any(str(v).startswith("（一）") for v in measures)
        # and the mode column of the data sheet has a dropdown referring to that list
        letter = data.cell(1, _header_index(data, "mode")).column_letter
        rules = [v for v in data.data_validations.dataValidation if f"{letter}3" in str(v.sqref)]
        assert rules and rules[0].type == "list" and rules[0].formula1.startswith("'代码表'!")
        assert data.cell(1, 2).value == "标题" and data.cell(2, 2).value == "title"

    def test_english_template_has_english_headers_and_labels(self) -> None:
        with translation.override("en"):
            book = load_workbook(io.BytesIO(spreadsheets.template_bytes("achievement")))
        data, codes = book.worksheets
        assert codes.title == "Codes" and data.cell(1, 2).value == "Title"
        pairs = {
            (r[i], r[i + 1]) for r in codes.iter_rows(values_only=True) for i in range(0, len(r), 2)
        }
        assert ("Licence (许可)", "license") in pairs and (
            "Invention patent",
            "invention_patent",
        ) in pairs
        assert ("Transfer modes", "transfer_modes_code") in pairs


class TestLabelsOnImport:
    HEADER = ["外部编号", "标题", "所属单位", "需求描述", "所属措施", "合作模式", "领域"]

    def _import(self, row: list[Any]) -> Any:
        content = _sheet_bytes([self.HEADER, row])
        return spreadsheets.import_file(
            kind="demand", content=content, filename="d.xlsx", actor=user("unit-haikou")
        )

    def test_chinese_labels_are_read_as_codes(self) -> None:
        self._import(
            [
                *("hk-1", "热带作物种质资源联合攻关", "demo-unit-haikou-bio", "需要育种合作。"),
                *("（一）", "点对点", "深远海；海洋装备"),
            ]
        )
        demand = Demand.objects.get(external_id="hk-1")
        assert demand.mode == "point_to_point" and demand.measure.number == 1
        assert {f.code for f in demand.fields.all()} == {"deep-sea", "marine-equipment"}

    def test_english_labels_and_codes_are_read_too(self) -> None:
        self._import(
            [
                *("hk-2", "Joint breeding", "demo-unit-haikou-bio", "Breeding partners wanted."),
                *("2", "Point-to-point (点对点)", "deep-sea, Marine equipment"),
            ]
        )
        demand = Demand.objects.get(external_id="hk-2")
        assert demand.mode == "point_to_point" and demand.measure.number == 2
        assert {f.code for f in demand.fields.all()} == {"deep-sea", "marine-equipment"}

    def test_unknown_label_names_row_column_and_allowed_values(self) -> None:
        with pytest.raises(spreadsheets.ImportFailed) as caught:
            self._import(
                ["hk-3", "标题", "demo-unit-haikou-bio", "描述。", "（一）", "面对面", "生物医药"]
            )
        errors = caught.value.details["rows"]
        assert errors == [
            {
                "row": 2,
                "column": "合作模式",
                "message": "“面对面”不是本列的名称或代码，可选："
                "一对一 (one_to_one), 点对点 (point_to_point), 多对一 (many_to_one)",
            }
        ]
        assert not Demand.objects.filter(external_id="hk-3").exists()


class TestRoundTrip:
    @pytest.fixture
    def demands(self) -> list[Any]:
        made = [
            make_demand(actor=user("unit-haikou"), external_id=f"hk-{i}", title=f"需求{i}")
            for i in range(3)
        ]
        publish(made[0])
        return made

    def test_export_labels_with_code_columns(self, demands: list[Any]) -> None:
        sheet = load_workbook(io.BytesIO(_export("demands"))).active
        head = [c.value for c in sheet[1]]
        assert head[head.index("合作模式") + 1] == "合作模式代码"
        assert head[head.index("领域") + 1] == "领域代码" and head[-2:] == ["状态", "状态代码"]
        row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "hk-0")
        assert row[head.index("合作模式")] == "多对一"
        assert row[head.index("合作模式代码")] == "many_to_one"
        assert row[head.index("领域代码")] == "deep-sea; marine-equipment"
        assert row[head.index("状态")] == "已发布" and row[-1] == "published"

    def test_english_csv_export_writes_english_labels(self, demands: list[Any]) -> None:
        text = _export("demands", "csv", lang="en").decode("utf-8-sig")
        head, keys, *rows = list(csv.reader(io.StringIO(text)))
        assert head[keys.index("mode")] == "Cooperation mode"
        assert head[keys.index("mode_code")] == "Cooperation mode code"
        first = next(r for r in rows if r[0] == "hk-1")
        assert first[keys.index("mode")] == "Many-to-one (多对一)"
        assert first[keys.index("status")] == "Draft"

    def test_unedited_export_imports_back_unchanged(self, demands: list[Any]) -> None:
        content = _export("demands")
        result = spreadsheets.import_file(
            kind="demand", content=content, filename="d.xlsx", actor=user("unit-haikou")
        )
        assert (result.created, result.updated, result.unchanged) == (0, 0, 3)

    def test_edited_cells_import_back(self, demands: list[Any]) -> None:
        book = load_workbook(io.BytesIO(_export("demands")))
        sheet = book.active
        row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "hk-1")
        row[_header_index(sheet, "title") - 1].value = "需求1（修订）"
        row[_header_index(sheet, "mode") - 1].value = "点对点"
        row[_header_index(sheet, "mode_code") - 1].value = None
        buffer = io.BytesIO()
        book.save(buffer)
        result = spreadsheets.import_file(
            kind="demand", content=buffer.getvalue(), filename="d.xlsx", actor=user("unit-haikou")
        )
        assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
        demand = Demand.objects.get(external_id="hk-1")
        assert demand.title == "需求1（修订）" and demand.mode == "point_to_point"

    def test_label_and_code_that_disagree_are_refused(self, demands: list[Any]) -> None:
        book = load_workbook(io.BytesIO(_export("demands")))
        sheet = book.active
        row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "hk-2")
        row[_header_index(sheet, "mode") - 1].value = "点对点"
        buffer = io.BytesIO()
        book.save(buffer)
        with pytest.raises(spreadsheets.ImportFailed) as caught:
            spreadsheets.import_file(
                kind="demand", content=buffer.getvalue(), filename="d.xlsx", actor=user("office")
            )
        [error] = caught.value.details["rows"]
        assert error["column"] == "合作模式" and "many_to_one" in error["message"]
        assert Demand.objects.get(external_id="hk-2").mode == "many_to_one"


@pytest.mark.parametrize(
    ("plural", "kind", "model"),
    [("capabilities", "capability", Capability), ("achievements", "achievement", Achievement)],
)
def test_capability_and_achievement_exports_import_back(plural: str, kind: str, model: Any) -> None:
    from hicoop.listings.demo import ensure_demo_listings

    # Given the demo records (published, returned, matched, closed …)
    ensure_demo_listings()
    assert model.objects.count() > 0
    for fmt in ("xlsx", "csv"):
        result = spreadsheets.import_file(
            kind=kind, content=_export(plural, fmt), filename=f"x.{fmt}", actor=user("office")
        )
        assert result.created == 0 and result.updated == 0
        assert result.unchanged == model.objects.count()
