"""Exports never carry live formulas or characters that break a spreadsheet (issue 11)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from hicoop.core.export import Column, csv_text, xlsx_bytes

COLUMNS = [Column("标题", "title"), Column("金额", "amount")]
DANGEROUS = [
    '=HYPERLINK("https://evil.example.com","点击")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_cells_are_neutralised_in_xlsx_and_csv(text: str) -> None:
    # Given a record whose title starts like a formula
    rows = [[text, Decimal("-5.50")]]
    # When it is exported
    sheet = load_workbook(io.BytesIO(xlsx_bytes(COLUMNS, rows, "t"))).active
    cell = sheet.cell(row=3, column=1)
    # Then the cell is text starting with an apostrophe, never a formula
    assert cell.data_type == "s" and str(cell.value).startswith("'")
    assert sheet.cell(row=3, column=2).value == "-5.50"
    first = csv_text(COLUMNS, rows).splitlines()[2]
    assert first.lstrip('"').startswith("'")


def test_control_characters_never_break_an_export() -> None:
    rows = [["海洋\x00装备\x07研发\x1b", 3]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(COLUMNS, rows, "t"))).active
    assert sheet.cell(row=3, column=1).value == "海洋装备研发"
    assert sheet.cell(row=3, column=2).value == 3
