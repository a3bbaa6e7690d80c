"""Writing a stored report's files: the same figures, however often they are made again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from hicoop.reports.models import Report
from hicoop.reports.render import documents
from hicoop.reports.snapshot import Snapshot

SUFFIXES = ("docx", "pdf", "xlsx")


def storage_dir(report: Report) -> Path:
    return Path(settings.MEDIA_ROOT) / "reports" / str(report.pk)


def basename(report: Report) -> str:
    scope = (
        report.scope_kind
        if report.scope_party_id is None
        else f"{report.scope_kind}-{report.scope_party_id}"
    )
    return f"hicoop-report-{report.year}-{scope}-{report.language}"


def write_files(
    report: Report, out: Path, step: Callable[[int, int, str], None] | None = None
) -> list[Path]:
    """Draw the charts and write DOCX, PDF and XLSX of ``report`` into ``out``."""
    snap = Snapshot.from_json(report.snapshot)
    n_charts = sum(len(s.charts) for s in snap.sections)
    total = n_charts + len(SUFFIXES)
    done = 0

    def tick(message: str) -> None:
        nonlocal done
        if step:
            step(done, total, message)
        done += 1

    images = documents.draw_all(snap, tick)
    out.mkdir(parents=True, exist_ok=True)
    name = basename(report)
    written = []
    makers = {
        "docx": lambda: documents.docx_bytes(snap, images),
        "pdf": lambda: documents.pdf_bytes(snap, images),
        "xlsx": lambda: documents.xlsx_bytes(snap),
    }
    for suffix in SUFFIXES:
        tick(suffix.upper())
        path = out / f"{name}.{suffix}"
        path.write_bytes(makers[suffix]())
        written.append(path)
    if step:
        step(total, total, "")
    return written
