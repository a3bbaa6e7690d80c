"""``hicoop load-mechanism``: every party, field and priority pair named in 国科办区〔2020〕105号.

Running it twice changes nothing: rows are matched by stable keys (party ``external_id``,
field and designation codes, matrix year × region × field) and only differences are written.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from hicoop.core.actors import LOADER, Actor
from hicoop.core.loading import LoadReport
from hicoop.parties.models import Party
from hicoop.parties.services import ensure_designation, ensure_party, ensure_priority_cell
from hicoop.taxonomy.models import Field
from hicoop.taxonomy.services import load_taxonomy

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_parties.json"
MECHANISM_PREFIX = "mechanism:"


def mechanism_parties() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def mechanism_key(key: str) -> str:
    return f"{MECHANISM_PREFIX}{key}"


def _party_values(row: dict[str, Any], parent: Party | None) -> dict[str, Any]:
    return {
        "name": row["name"],
        "name_en": row["name_en"],
        "short_name": row["short_name"],
        "kind": row["kind"],
        "subtype": row["subtype"],
        "parent_id": parent.pk if parent else None,
        "division_code": row["division"] or "",
        "field_codes": tuple(sorted(row["fields"])),
        "designation_codes": tuple(sorted(row["designations"])),
        "description": row["description"],
        "description_en": row["description_en"],
    }


def _load_parties(rows: list[dict[str, Any]], report: LoadReport, actor: Actor) -> None:
    by_key: dict[str, Party] = {}
    for row in rows:  # the file lists parents before children
        parent = by_key[row["parent"]] if row["parent"] else None
        by_key[row["key"]] = ensure_party(
            external_id=mechanism_key(row["key"]),
            values=_party_values(row, parent),
            actor=actor,
            report=report,
        )


def _load_matrix(matrix: dict[str, Any], report: LoadReport, actor: Actor) -> None:
    for cell in matrix["cells"]:
        ensure_priority_cell(
            year=matrix["year"],
            region=Party.objects.get(external_id=mechanism_key(cell["region"])),
            field=Field.objects.get(code=cell["field"]),
            weight=Decimal(cell["weight"]),
            basis=cell["basis"],
            actor=actor,
            report=report,
        )


@transaction.atomic
def load_mechanism(*, actor: Actor = LOADER) -> LoadReport:
    """Load (or bring up to date) the mechanism's reference data in one transaction, through the
    taxonomy's and the parties' services: every row it writes is audited under ``actor``."""
    report = LoadReport()
    load_taxonomy(report, actor=actor)
    data = mechanism_parties()
    for row in data["designations"]:
        ensure_designation(
            code=row["code"],
            values={"name": row["name"], "name_en": row["name_en"]},
            actor=actor,
            report=report,
        )
    _load_parties(data["parties"], report, actor)
    _load_matrix(data["priority_matrix"], report, actor)
    return report
