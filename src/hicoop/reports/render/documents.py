"""A report's files from its stored snapshot: DOCX (python-docx), PDF (WeasyPrint, as the
meetings agenda) and XLSX (openpyxl, one sheet per table with labels and codes)."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hicoop.core.exceptions import Conflict
from hicoop.reports.render import charts
from hicoop.reports.snapshot import Chart, Section, Snapshot, Table

CJK_FONT = "Noto Sans CJK SC"


def title_of(snap: Snapshot) -> str:
    return _(
        "%(year)d annual report of the Hainan Open Innovation Cooperation Mechanism · %(scope)s"
    ) % {
        "year": snap.year,
        "scope": snap.scope_label,
    }


def every_chart(snap: Snapshot) -> Iterator[tuple[Section, Chart]]:
    for section in snap.sections:
        for c in section.charts:
            yield section, c


def draw_all(snap: Snapshot, step: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Every chart of the report as PNG, keyed ``section.chart``."""
    images = {}
    for section, c in every_chart(snap):
        if step:
            step(c.title)
        images[f"{section.key}.{c.key}"] = charts.draw(c)
    return images


# ---------------------------------------------------------------- DOCX


def docx_bytes(snap: Snapshot, images: dict[str, bytes]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    with translation.override(snap.language):
        document = Document()
        normal = document.styles["Normal"]
        normal.font.name = CJK_FONT
        normal.font.size = Pt(10.5)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
        _cover(document, snap, WD_ALIGN_PARAGRAPH)
        document.add_heading(_("Contents"), level=1)
        for number, section in enumerate(snap.sections, start=1):
            document.add_paragraph(f"{number}. {section.title}")
        document.add_page_break()
        for number, section in enumerate(snap.sections, start=1):
            document.add_heading(f"{number}. {section.title}", level=1)
            if not section.available:
                document.add_paragraph(section.note)
                continue
            for f in section.figures:
                document.add_paragraph(f"{f.label}: {f.value}", style="List Bullet")
            for c in section.charts:
                document.add_picture(io.BytesIO(images[f"{section.key}.{c.key}"]), width=Cm(15))
            for t in section.tables:
                _docx_table(document, t)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _cover(document: Any, snap: Snapshot, align: Any) -> None:
    heading = document.add_heading(title_of(snap), level=0)
    heading.alignment = align.CENTER
    for line in (
        _("Scope: %(s)s") % {"s": snap.scope_label},
        _("Figures taken at %(t)s") % {"t": snap.taken_at},
        _("Formula versions: %(v)s") % {"v": "; ".join(snap.formula_versions.values())},
    ):
        document.add_paragraph(line).alignment = align.CENTER
    document.add_page_break()


def _docx_table(document: Any, t: Table) -> None:
    document.add_paragraph(t.title, style="Caption")
    grid = document.add_table(rows=1, cols=len(t.columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, t.columns, strict=True):
        cell.text = column.label
    for row in t.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


# ---------------------------------------------------------------- PDF


def html(snap: Snapshot, images: dict[str, bytes]) -> str:
    with translation.override(snap.language):
        chapters = [
            (
                section,
                [
                    (c, base64.b64encode(images[f"{section.key}.{c.key}"]).decode())
                    for c in section.charts
                ],
            )
            for section in snap.sections
        ]
        return render_to_string(
            "reports/print_report.html",
            {"snap": snap, "title": title_of(snap), "chapters": chapters},
        )


def pdf_bytes(snap: Snapshot, images: dict[str, bytes]) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise Conflict(
            _("PDF export is not available on this server (WeasyPrint/Pango missing).")
        ) from exc
    return bytes(HTML(string=html(snap, images)).write_pdf())


# ---------------------------------------------------------------- XLSX


def xlsx_bytes(snap: Snapshot) -> bytes:
    """Every table on its own sheet: a label row, a code row, then the data; figures first."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(snap.language):
        wb = Workbook()
        ws = wb.active
        ws.title = _sheet_name(_("Figures"), set())
        ws.append([_("chapter"), _("figure"), _("code"), _("value")])
        for section in snap.sections:
            if not section.available:
                ws.append([section.title, section.note, f"{section.key}.available", 0])
            for f in section.figures:
                ws.append([section.title, f.label, f"{section.key}.{f.key}", f.value])
        used = {ws.title}
        for section in snap.sections:
            for t in section.tables:
                sheet = wb.create_sheet(_sheet_name(t.title, used))
                sheet.append([c.label for c in t.columns])
                sheet.append([f"{section.key}.{t.key}.{c.key}" for c in t.columns])
                for cell in (*sheet[1], *sheet[2]):
                    cell.font = Font(bold=True)
                for row in t.rows:
                    sheet.append(list(row))
                sheet.freeze_panes = "A3"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}~{n}", n + 1
    used.add(name)
    return name
