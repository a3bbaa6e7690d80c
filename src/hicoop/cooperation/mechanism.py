"""The mechanism's park pairings (措施四) and the twelve key tasks of measure 五, loaded by
``hicoop load-mechanism``. Rows are matched by pairing key and task number, so a second run
changes nothing; progress records (platforms, activities, reports) are never touched here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from hicoop.cooperation.models import KeyTask, Pairing
from hicoop.core.actors import LOADER, Actor
from hicoop.core.loading import LoadReport, set_m2m, upsert
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_cooperation.json"


def _parties(keys: list[str]) -> list[Party]:
    return [Party.objects.get(external_id=mechanism_key(k)) for k in keys]


def _load_pairing(row: dict[str, Any], report: LoadReport, actor: Any) -> None:
    pairing = upsert(
        Pairing,
        lookup={"key": row["key"]},
        values={
            "title": row["title"],
            "title_en": row["title_en"],
            "goals": row["goals"],
            "goals_en": row["goals_en"],
        },
        report=report,
        actor=actor,
        audited=True,
    )
    set_m2m(pairing, "hainan_parks", _parties(row["hainan_parks"]), report)
    set_m2m(pairing, "helpers", _parties(row["helpers"]), report)
    set_m2m(pairing, "fields", list(Field.objects.filter(code__in=row["fields"])), report)


def _load_task(row: dict[str, Any], report: LoadReport, actor: Any) -> None:
    task = upsert(
        KeyTask,
        lookup={"number": row["number"]},
        values={
            "title": row["title"],
            "title_en": row["title_en"],
            "department": Party.objects.get(external_id=mechanism_key(row["department"])),
            "deadline": dt.date.fromisoformat(row["deadline"]),
        },
        report=report,
        actor=actor,
        audited=True,
    )
    set_m2m(task, "supporting_units", _parties(row["supporting_units"]), report)


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
