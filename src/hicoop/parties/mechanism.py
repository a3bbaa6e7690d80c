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
from hicoop.core.loading import LoadReport, set_m2m, upsert
from hicoop.parties.models import Party, RegionPriorityField, ZoneDesignation
from hicoop.parties.services import refresh_path
from hicoop.taxonomy.models import Division, Field
from hicoop.taxonomy.services import load_taxonomy

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_parties.json"
MECHANISM_PREFIX = "mechanism:"


def mechanism_parties() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def mechanism_key(key: str) -> str:
    return f"{MECHANISM_PREFIX}{key}"


def _party_values(row: dict[str, Any], parent: Party | None) -> dict[str, Any]:
    division = Division.objects.get(code=row["division"]) if row["division"] else None
    return {
        "name": row["name"],
        "name_en": row["name_en"],
        "short_name": row["short_name"],
        "kind": row["kind"],
        "subtype": row["subtype"],
        "parent": parent,
        "division": division,
        "description": row["description"],
        "description_en": row["description_en"],
    }


def _load_parties(rows: list[dict[str, Any]], report: LoadReport, actor: Any) -> None:
    by_key: dict[str, Party] = {}
    for row in rows:  # the file lists parents before children
        parent = by_key[row["parent"]] if row["parent"] else None
        party = upsert(
            Party,
            lookup={"external_id": mechanism_key(row["key"])},
            values=_party_values(row, parent),
            report=report,
            actor=actor,
            audited=True,
        )
        refresh_path(party)
        set_m2m(party, "fields", list(Field.objects.filter(code__in=row["fields"])), report)
        set_m2m(
            party,
            "designations",
            list(ZoneDesignation.objects.filter(code__in=row["designations"])),
            report,
        )
        by_key[row["key"]] = party


def _load_matrix(matrix: dict[str, Any], report: LoadReport, actor: Actor) -> None:
    for cell in matrix["cells"]:
        upsert(
            RegionPriorityField,
            lookup={
                "year": matrix["year"],
                "region": Party.objects.get(external_id=mechanism_key(cell["region"])),
                "field": Field.objects.get(code=cell["field"]),
            },
            values={"weight": Decimal(cell["weight"]), "basis": cell["basis"]},
            report=report,
            actor=actor,
            audited=True,
        )


@transaction.atomic
def load_mechanism(*, actor: Actor = LOADER) -> LoadReport:
    """Load (or bring up to date) the mechanism's reference data in one transaction."""
    report = LoadReport()
    load_taxonomy(report)
    data = mechanism_parties()
    for row in data["designations"]:
        upsert(
            ZoneDesignation,
            lookup={"code": row["code"]},
            values={"name": row["name"], "name_en": row["name_en"]},
            report=report,
        )
    _load_parties(data["parties"], report, actor)
    _load_matrix(data["priority_matrix"], report, actor)
    return report
