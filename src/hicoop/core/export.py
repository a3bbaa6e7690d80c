"""Spreadsheet export of any list: the same rows as XLSX (Chinese header row + English row) or CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """A column's header: Chinese name, key (the English header row) and an English label.

    The first header row is in the user's language (the English label when the request is in
    English and the column has one), the second holds the key an import recognises.
    """

    zh: str
    en: str
    label_en: str = ""

    def heading(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "").lower().startswith("en")
        return self.label_en if english and self.label_en else self.zh


# A text cell that starts like a formula is neutralised with a leading apostrophe (OWASP "CSV
# injection"; issue 11: a title "=HYPERLINK(...)" became a live formula). Control characters that
# XLSX cannot hold are dropped (they broke the export).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_text(text: str) -> str:
    text = _CONTROL.sub("", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)  # a number, never a formula, even when negative
    if isinstance(value, list | tuple):
        return safe_text("; ".join(str(v) for v in value))
    return safe_text(str(value))


def workbook(columns: Sequence[Column], rows: Iterable[Sequence[Any]], title: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([c.heading() for c in columns])
    ws.append([c.en for c in columns])
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A3"
    return wb


def xlsx_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    wb = workbook(columns, rows, title)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_text(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.heading() for c in columns])
    writer.writerow([c.en for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def download(
    fmt: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], basename: str
) -> HttpResponse:
    """An attachment response in ``fmt`` ("xlsx" or "csv")."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(columns, rows, basename), content_type=XLSX_TYPE)
    else:
        # A byte-order mark lets Excel open UTF-8 Chinese text correctly.
        response = HttpResponse(
            "\ufeff" + csv_text(columns, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{basename}.{fmt}"'
    return response
