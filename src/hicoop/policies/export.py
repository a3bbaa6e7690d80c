"""An edition as a spreadsheet (the four categories in one sheet) or a PDF (WeasyPrint with the
Noto CJK fonts of the system)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from hicoop.core.exceptions import HicoopError
from hicoop.core.export import Column, xlsx_bytes
from hicoop.policies import selectors
from hicoop.policies.models import Edition

COLUMNS = [
    Column("类别", "category"),
    Column("标题", "title"),
    Column("文号", "document number"),
    Column("发布机关", "issuer"),
    Column("层级", "level"),
    Column("版本生效日期", "version in force from"),
    Column("适用园区或功能区", "parks or zones"),
    Column("联合办公室摘要", "joint office summary"),
    Column("英文摘要", "English summary"),
    # Codes of the coded columns (ADR 0051); last, so the printed layout's columns stay in place.
    Column("类别代码", "category_code", "category code"),
    Column("层级代码", "level_code", "level code"),
]


class PdfUnavailable(HicoopError):
    code = "pdf_unavailable"
    status = 503
    default_message = _("PDF export is not available on this server (WeasyPrint is missing).")


def rows(edition: Edition) -> list[list[Any]]:
    out = []
    for label, entries in selectors.grouped_entries(edition):
        for e in entries:
            places = [p.name for p in e.policy.parks.all()] + [z.name for z in e.policy.zones.all()]
            out.append(
                [
                    label,
                    e.policy.title,
                    e.policy.doc_number or ("演示数据" if e.policy.is_demo else ""),
                    e.policy.issuer_name,
                    e.policy.get_level_display(),
                    e.version.effective_from.isoformat(),
                    "、".join(places),
                    e.summary,
                    e.summary_en,
                    e.category,
                    e.policy.level,
                ]
            )
    return out


def edition_xlsx(edition: Edition) -> bytes:
    return xlsx_bytes(COLUMNS, rows(edition), f"catalogue-{edition.year}")


def edition_pdf(edition: Edition) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango missing
        raise PdfUnavailable() from exc
    html = render_to_string(
        "policies/edition_pdf.html",
        {"edition": edition, "groups": selectors.grouped_entries(edition)},
    )
    return bytes(HTML(string=html).write_pdf())
