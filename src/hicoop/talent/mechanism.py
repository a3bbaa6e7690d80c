"""Mechanism facts of the talent app: the points table of 外国人来华工作分类标准(试行), loaded
once and never overwritten (an edited table keeps its edits; a new table is a new version)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hicoop.core.loading import LoadReport
from hicoop.talent.models import PointsTable

DATA = Path(__file__).resolve().parent / "data" / "points_2017.json"


def ensure_mechanism(*, actor: Any, report: LoadReport) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    label = PointsTable._meta.label
    _row, created = PointsTable.objects.get_or_create(
        version=data["version"],
        defaults={
            "title": data["title"],
            "title_en": data["title_en"],
            "effective_from": dt.date(2017, 4, 1),
            "data": data,
        },
    )
    report.count(report.created if created else report.unchanged, label)
