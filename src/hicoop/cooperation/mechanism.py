"""The mechanism's park pairings (措施四) and the twelve key tasks of measure 五, loaded by
``hicoop load-mechanism`` through the cooperation services (audited under the loader). Rows are
matched by pairing key and task number, so a second run changes nothing; progress records
(platforms, activities, reports) are never touched here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from hicoop.cooperation.models import KeyTask, Pairing
from hicoop.cooperation.services.task_changes import ensure_defined
from hicoop.core.actors import LOADER, Actor
from hicoop.core.loading import LoadReport
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_cooperation.json"


def _parties(keys: list[str]) -> set[int]:
    return {Party.objects.get(external_id=mechanism_key(k)).pk for k in keys}


def _load_pairing(row: dict[str, Any], report: LoadReport, actor: Actor) -> None:
    fields = Field.objects.filter(code__in=row["fields"]).values_list("pk", flat=True)
    ensure_defined(
        Pairing,
        lookup={"key": row["key"]},
        values={
            "title": row["title"],
            "title_en": row["title_en"],
            "goals": row["goals"],
            "goals_en": row["goals_en"],
            "hainan_parks": _parties(row["hainan_parks"]),
            "helpers": _parties(row["helpers"]),
            "fields": set(fields),
        },
        actor=actor,
        report=report,
    )


def _load_task(row: dict[str, Any], report: LoadReport, actor: Actor) -> None:
    ensure_defined(
        KeyTask,
        lookup={"number": row["number"]},
        values={
            "title": row["title"],
            "title_en": row["title_en"],
            "department": Party.objects.get(external_id=mechanism_key(row["department"])),
            "deadline": dt.date.fromisoformat(row["deadline"]),
            "supporting_units": _parties(row["supporting_units"]),
        },
        actor=actor,
        report=report,
    )


@transaction.atomic
def load_cooperation(*, actor: Actor = LOADER, report: LoadReport | None = None) -> LoadReport:
    """Load the four pairings and twelve key tasks (after the parties they refer to)."""
    report = report or LoadReport()
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for row in data["pairings"]:
        _load_pairing(row, report, actor)
    for row in data["tasks"]:
        _load_task(row, report, actor)
    return report
