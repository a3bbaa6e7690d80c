"""Excel templates, all-or-nothing imports with row-numbered errors, re-import without duplicates."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from hicoop.core.testing import user
from hicoop.listings import spreadsheets
from hicoop.listings.choices import ListingKind
from hicoop.listings.models import Achievement

pytestmark = pytest.mark.django_db

OWNER = "上海深蓝海洋工程研究所(示例)"


def achievement_rows(n: int) -> list[list[Any]]:
    rows = []
    for i in range(n):
        rows.append(
            [
                f"sh-a-{i:03d}",
                f"深海耐压材料第{i}代配方",
                OWNER,
                f"一种用于全海深装备的耐压浮力材料，第{i}代配方密度更低、强度更高。",
                "浮力材料；全海深",
                "",
                "small_batch",
                "invention_patent",
                f"ZL2021103{i:05d}.1",
                "license；transfer",
                "50",
                "200",
                "new-materials",
                "30",
                "",
                "",
                "",
                "",
            ]
        )
    return rows


def workbook(rows: list[list[Any]], kind: str = ListingKind.ACHIEVEMENT) -> bytes:
    wb = Workbook()
    ws = wb.active
    cols = spreadsheets.columns(kind)
    ws.append([c.zh for c in cols])
    ws.append([c.en for c in cols])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


class TestTemplate:
    def test_template_has_chinese_and_english_headers(self) -> None:
        sheet = load_workbook(io.BytesIO(spreadsheets.template_bytes("demand"))).active
        assert sheet.cell(1, 2).value == "标题" and sheet.cell(2, 2).value == "title"


class TestImport:
    def test_three_hundred_rows_import_then_reimport_updates(self) -> None:
        coordinator = user("shanghai")
        content = workbook(achievement_rows(300))
        result = spreadsheets.import_file(
            kind="achievement", content=content, filename="a.xlsx", actor=coordinator
        )
        assert (result.created, result.updated) == (300, 0)
        again = spreadsheets.import_file(
            kind="achievement", content=content, filename="a.xlsx", actor=coordinator
        )
        assert (again.created, again.updated, again.unchanged) == (0, 0, 300)
        assert Achievement.objects.filter(external_id__startswith="sh-a-").count() == 300

    def test_broken_file_reports_every_row_and_changes_nothing(self) -> None:
        rows = achievement_rows(5)
        rows[1][2] = "不存在的单位"  # row 4: owner
        rows[3][6] = "mass_production"  # row 6: maturity
        rows[3][10], rows[3][11] = "300", "10"  # row 6: price order
        rows[4][0] = rows[0][0]  # row 7: duplicate external id
        with pytest.raises(spreadsheets.ImportFailed) as err:
            spreadsheets.import_file(
                kind="achievement",
                content=workbook(rows),
                filename="a.xlsx",
                actor=user("shanghai"),
            )
        problems = {(e["row"], e["column"]) for e in err.value.details["rows"]}
        assert {
            (4, "所属单位"),
            (6, "成熟度"),
            (6, "价格上限（万元）"),
            (7, "外部编号"),
        } <= problems
        assert not Achievement.objects.filter(external_id__startswith="sh-a-").exists()

    def test_out_of_scope_owner_is_refused(self) -> None:
        with pytest.raises(spreadsheets.ImportFailed) as err:
            spreadsheets.import_file(
                kind="achievement",
                content=workbook(achievement_rows(2)),
                filename="a.xlsx",
                actor=user("hunan"),
            )
        assert {e["column"] for e in err.value.details["rows"]} == {"所属单位"}

    def test_csv_with_english_header_only(self) -> None:
        cols = spreadsheets.columns("achievement")
        text = (
            ",".join(c.en for c in cols)
            + "\n"
            + ",".join(f'"{v}"' for v in achievement_rows(1)[0])
            + "\n"
        )
        result = spreadsheets.import_file(
            kind="achievement", content=text.encode("utf-8"), filename="a.csv", actor=user("office")
        )
        assert result.created == 1

    def test_not_a_spreadsheet(self) -> None:
        with pytest.raises(spreadsheets.ImportFailed):
            spreadsheets.import_file(
                kind="achievement",
                content=b"\x00\x01garbage",
                filename="a.xlsx",
                actor=user("office"),
            )


class TestImportCommand:
    def test_command_lists_row_errors(self, tmp_path: Any) -> None:
        rows = achievement_rows(2)
        rows[1][1] = ""
        path = tmp_path / "bad.xlsx"
        path.write_bytes(workbook(rows))
        with pytest.raises(CommandError) as err:
            call_command("import", "achievements", str(path))
        assert "row 4 · 标题" in str(err.value)

    def test_jsonl_with_mapping(self, tmp_path: Any) -> None:
        path = tmp_path / "records.jsonl"
        path.write_text(
            '{"id": "p1", "title": "一种海水淡化膜", "abstract": "高通量反渗透膜制备方法。",'
            ' "keywords": ["反渗透", "淡化"]}\n',
            encoding="utf-8",
        )
        call_command(
            "import",
            "achievements",
            "--from-jsonl",
            str(path),
            "--owner",
            "demo-unit-shanghai-ocean",
            "--map",
            "external_id=id,title=title,abstract=abstract,keywords=keywords",
        )
        assert Achievement.objects.get(external_id="p1").keywords == ["反渗透", "淡化"]


class TestCslImport:
    def test_imports_real_records_idempotently(self) -> None:
        from pathlib import Path

        csl = (
            Path(__file__).resolve().parents[4].parent
            / "shared"
            / "data"
            / "csl_scientific_literature"
            / "records_dev.jsonl"
        )
        if not csl.exists():
            pytest.skip(f"shared CSL data not found at {csl}")
        args = [
            "import",
            "achievements",
            "--from-csl",
            str(csl),
            "--owner",
            "demo-unit-shanghai-ocean",
            "--limit",
            "40",
        ]
        call_command(*args)
        call_command(*args)
        imported = Achievement.objects.filter(external_id__startswith="csl:")
        assert imported.count() == 40
        assert all(a.keywords and a.abstract for a in imported)
        assert imported.filter(status="published").count() == 40
