"""Loading the mechanism's taxonomy and importing full standard code lists at run time."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.loading import LoadReport, set_m2m, upsert
from hicoop.taxonomy.choices import DivisionLevel
from hicoop.taxonomy.models import Division, Field, IndustryCode, Measure

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_taxonomy.json"


def mechanism_taxonomy() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _load_divisions(rows: list[dict[str, Any]], report: LoadReport) -> None:
    by_code: dict[str, Division] = {}
    for row in sorted(rows, key=lambda r: r["level"]):
        parent = by_code.get(row["parent"]) if row["parent"] else None
        if row["parent"] and parent is None:
            parent = Division.objects.get(code=row["parent"])
        by_code[row["code"]] = upsert(
            Division,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "name_en": row["name_en"],
                "level": row["level"],
                "parent": parent,
            },
            report=report,
        )


def _load_industries(rows: list[dict[str, Any]], report: LoadReport) -> None:
    for row in sorted(rows, key=lambda r: r["level"]):
        parent = IndustryCode.objects.get(code=row["parent"]) if row["parent"] else None
        upsert(
            IndustryCode,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "name_en": row["name_en"],
                "level": row["level"],
                "parent": parent,
            },
            report=report,
        )


def _load_measures(rows: list[dict[str, Any]], report: LoadReport) -> None:
    for row in rows:
        values = {k: v for k, v in row.items() if k != "number"}
        upsert(Measure, lookup={"number": row["number"]}, values=values, report=report)


def _load_fields(rows: list[dict[str, Any]], report: LoadReport) -> None:
    for row in sorted(rows, key=lambda r: r["parent"] is not None):
        values = {
            "name": row["name"],
            "name_en": row["name_en"],
            "kind": row["kind"],
            "measure": Measure.objects.get(number=row["measure"]) if row["measure"] else None,
            "parent": Field.objects.get(code=row["parent"]) if row["parent"] else None,
            "keywords": row["keywords"],
            "sort_order": row["sort_order"],
        }
        obj = upsert(Field, lookup={"code": row["code"]}, values=values, report=report)
        set_m2m(
            obj, "industries", list(IndustryCode.objects.filter(code__in=row["industries"])), report
        )


@transaction.atomic
def load_taxonomy(report: LoadReport) -> LoadReport:
    """Load measures, GB/T 4754 sections and used divisions, fields and the mechanism's divisions."""
    data = mechanism_taxonomy()
    _load_divisions(data["divisions"], report)
    _load_industries(data["industries"], report)
    _load_measures(data["measures"], report)
    _load_fields(data["fields"], report)
    return report


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ValidationFailed(_("File not found: %(path)s") % {"path": path})
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _six_digits(code: str) -> str:
    return code.strip().ljust(6, "0")


@transaction.atomic
def import_divisions(*, directory: Path) -> LoadReport:
    """Import every province, prefecture and county code from provinces/cities/areas CSV files."""
    report = LoadReport()
    levels = (
        ("provinces.csv", DivisionLevel.PROVINCE, None),
        ("cities.csv", DivisionLevel.PREFECTURE, "provinceCode"),
        ("areas.csv", DivisionLevel.COUNTY, "cityCode"),
    )
    tables = {name: _read_csv(directory / name) for name, _level, _parent in levels}
    for name, level, parent_column in levels:
        for row in tables[name]:
            if not row.get("code") or not row.get("name"):
                raise ValidationFailed(
                    _("%(file)s has a row without code or name.") % {"file": name}
                )
            parent = None
            if parent_column:
                parent = Division.objects.filter(code=_six_digits(row[parent_column])).first()
                if parent is None and level == DivisionLevel.COUNTY:
                    parent = Division.objects.filter(code=_six_digits(row["provinceCode"])).first()
            existing = Division.objects.filter(code=_six_digits(row["code"])).first()
            upsert(
                Division,
                lookup={"code": _six_digits(row["code"])},
                values={
                    "name": row["name"].strip(),
                    "level": level,
                    "parent": parent,
                    "name_en": existing.name_en if existing else "",
                },
                report=report,
            )
    return report


def _industry_position(row: dict[str, str], level: int) -> tuple[str, str, int]:
    """(own code, parent code, level); a group without classes comes as a level-4 row."""
    parts = [row.get(k, "").strip() for k in ("section", "division", "group", "class")]
    if level == 4 and not parts[3]:
        level = 3
    own = parts[level - 1]
    parent = parts[level - 2] if level > 1 else ""
    return own, parent, level


@transaction.atomic
def import_industries(*, path: Path) -> LoadReport:
    """Import the full GB/T 4754-2017 list (columns level, code, section, division, group, class)."""
    report = LoadReport()
    rows = _read_csv(path)
    for row in sorted(rows, key=lambda r: int(r.get("level") or 0)):
        level = int(row.get("level") or 0)
        if level not in (1, 2, 3, 4):
            raise ValidationFailed(
                _("Unknown level %(level)s in %(path)s") % {"level": row.get("level"), "path": path}
            )
        own, parent_code, level = _industry_position(row, level)
        parent = IndustryCode.objects.filter(code=parent_code).first() if parent_code else None
        existing = IndustryCode.objects.filter(code=own).first()
        upsert(
            IndustryCode,
            lookup={"code": own},
            values={
                "name": row["name"].strip(),
                "level": level,
                "parent": parent,
                "name_en": existing.name_en if existing else "",
            },
            report=report,
        )
    return report
