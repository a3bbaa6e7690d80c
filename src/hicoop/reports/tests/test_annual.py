"""Done means: ``hicoop report annual --year 2025`` on the demo writes DOCX, PDF and XLSX; the
DOCX opens with its chapters, tables and at least six charts; files made again from the stored
report hold the same numbers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hicoop.core.exceptions import Conflict
from hicoop.reports import files
from hicoop.reports.models import Report
from hicoop.reports.render import charts

pytestmark = pytest.mark.django_db

CHAPTERS_ZH = (
    "五项主要措施",
    "地区与领域",
    "科技园区对口帮扶",
    "司局直接对口支持的重点任务",
    "技术转移",
    "离岸创新政策指导目录",
    "外国人工作许可负面清单",
    "推进会决定",
    "监测评价",
    "中央引导资金分配",
    "表扬",
    "合作网络",
)


def _sheets(body: bytes) -> dict[str, list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(body))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


class TestAnnualCommand:
    def test_the_demo_report_of_2025(self, demo_data: None, tmp_path: Path) -> None:
        from docx import Document

        # when the operator asks for the 2025 report of the whole mechanism
        out = io.StringIO()
        call_command("report", "annual", "--year", "2025", "--out", str(tmp_path), stdout=out)
        # then DOCX, PDF and XLSX are written
        written = sorted(Path(p) for p in out.getvalue().split())
        assert {p.suffix for p in written} == {".docx", ".pdf", ".xlsx"}
        docx = next(p for p in written if p.suffix == ".docx")
        pdf = next(p for p in written if p.suffix == ".pdf")
        xlsx = next(p for p in written if p.suffix == ".xlsx")
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
        # and the DOCX opens, with every chapter, tables and at least six charts
        document = Document(str(docx))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        for chapter in CHAPTERS_ZH:
            assert any(chapter in h for h in headings), chapter
        assert len(document.tables) >= 6
        assert len(document.inline_shapes) >= 6
        # and the spreadsheet has one sheet per table, labels and codes on top
        sheets = _sheets(xlsx.read_bytes())
        assert len(sheets) >= 8
        by_measure = next(rows for name, rows in sheets.items() if name.startswith("按措施"))
        assert by_measure[1][0] == "measures.by_measure.label"
        # when the files are made again from the stored report
        report = Report.objects.get()
        again = files.write_files(report, tmp_path / "again")
        # then the tables hold the same numbers
        assert _sheets(next(p for p in again if p.suffix == ".xlsx").read_bytes()) == sheets

    def test_english_and_a_region(self, demo_data: None, tmp_path: Path) -> None:
        from docx import Document

        out = io.StringIO()
        call_command(
            "report",
            "annual",
            "--year",
            "2025",
            "--out",
            str(tmp_path),
            "--lang",
            "en",
            "--region",
            "上海市",
            "--user",
            "shanghai",
            stdout=out,
        )
        docx = next(Path(p) for p in out.getvalue().split() if p.endswith(".docx"))
        text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
        assert "Park pairings" in text and "No data yet for this year." in text
        # a region outside the user's scope is refused with a clear message
        with pytest.raises(CommandError, match="只能生成本地区或本园区的报告"):
            call_command(
                "report",
                "annual",
                "--year",
                "2025",
                "--out",
                str(tmp_path),
                "--region",
                "湖南省",
                "--user",
                "shanghai",
            )

    def test_unknown_scope_and_bad_year(self, db: None, tmp_path: Path) -> None:
        with pytest.raises(CommandError, match="no such region"):
            call_command("report", "annual", "--year", "2025", "--region", "火星")
        with pytest.raises(CommandError, match="2020"):
            call_command("report", "annual", "--year", "1900", "--out", str(tmp_path))


class TestFont:
    def test_missing_font_is_a_clear_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(charts, "FONT_CANDIDATES", ("/nonexistent/font.ttc",))
        monkeypatch.delenv("HICOOP_CJK_FONT", raising=False)
        with pytest.raises(Conflict, match="fonts-noto-cjk"):
            charts.font_path()

    def test_the_debian_font_is_found(self) -> None:
        assert charts.font_path().name.startswith("NotoSansCJK")
