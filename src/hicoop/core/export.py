"""Spreadsheet export of any list: the same rows as XLSX (Chinese header row + English row) or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    zh: str
    en: str


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value if isinstance(value, int | float) else str(value)


def xlsx_bytes(columns: Sequence[Column], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([c.zh for c in columns])
    ws.append([c.en for c in columns])
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_text(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.zh for c in columns])
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
