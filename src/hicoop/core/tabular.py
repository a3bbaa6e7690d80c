"""Reading spreadsheets people upload, safely (issue 11, ADR 0013).

* The content decides, not the name: an XLSX is a ZIP (``PK``), a CSV is text without NUL bytes
  and does not look like HTML.
* XLSX: the uncompressed size and the number of parts are checked before parsing (a 1.5 KB file
  declaring ``A1:XFD5000`` grew the server by 380 MB), rows are streamed in read-only mode and
  only the first ``max_cols`` columns are read (openpyxl pads every row to the declared width).
* Only the data sheet is read: a template's "代码表 / Codes" sheet (``core.coded``) is skipped.
* CSV: UTF-8 with or without BOM, otherwise GB18030 (a superset of GBK, what Excel on a Chinese
  Windows writes).
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from hicoop.core.exceptions import ValidationFailed

MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_PARTS = 2000


class UnreadableFile(ValidationFailed):
    code = "unreadable_file"


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            _("The file is neither UTF-8 nor GBK text; save it as CSV UTF-8 and try again.")
        ) from exc


def _looks_like_markup(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype", "<html", "<?xml", "<script", "<svg"))


def csv_rows(data: bytes, *, max_rows: int, max_cols: int) -> list[list[Any]]:
    if b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("The file is not a CSV text file."))
    text = decode_text(data)
    if _looks_like_markup(text):
        raise UnreadableFile(_("The file is not a CSV text file."))
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text)):
            if len(rows) > max_rows:
                break
            rows.append(list(row[:max_cols]))
    except csv.Error as exc:
        raise UnreadableFile(_("The CSV file is broken: %(error)s") % {"error": exc}) from exc
    return rows


def _check_zip(data: bytes, max_uncompressed: int) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(_("The file is not a readable Excel workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise UnreadableFile(_("The file is not a readable Excel workbook.")) from exc
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > max_uncompressed:
        raise UnreadableFile(_("The workbook is too large once unpacked."))


CODES_SHEETS = ("代码表", "Codes")  # a template's label/code lists (core.coded), never data


def _data_sheet(book: Any) -> Any:
    """The active sheet, unless someone saved the workbook with the codes sheet in front."""
    if book.active is not None and book.active.title not in CODES_SHEETS:
        return book.active
    return next((s for s in book.worksheets if s.title not in CODES_SHEETS), book.active)


def xlsx_rows(
    data: bytes, *, max_rows: int, max_cols: int, max_uncompressed: int = MAX_UNCOMPRESSED
) -> list[list[Any]]:
    """The first sheet's rows (at most ``max_rows`` + 1, each cut to ``max_cols`` cells)."""
    from openpyxl import load_workbook

    _check_zip(data, max_uncompressed)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise UnreadableFile(_("The file is not a readable Excel workbook.")) from exc
    try:
        sheet = _data_sheet(book)
        rows: list[list[Any]] = []
        for row in sheet.iter_rows(max_col=max_cols, values_only=True):
            if len(rows) > max_rows:
                break
            rows.append(list(row))
        return rows
    except Exception as exc:
        raise UnreadableFile(_("The file is not a readable Excel workbook.")) from exc
    finally:
        book.close()
