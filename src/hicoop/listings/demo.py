"""Demo records (written for the project, fictional units) loaded by ``hicoop demo``.

Records go through the real services and lifecycle (submit, publish, return, match, close), so
the demo shows real status histories. Loading is idempotent: existing external ids are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from hicoop.core import audit
from hicoop.core.actors import DEMO
from hicoop.core.models import AuditAction
from hicoop.core.text import nfkc
from hicoop.listings import services
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, adopt_demo_credit_code, create_party

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
# The path from draft to each status, as lifecycle actions.
PATHS = {
    ListingStatus.DRAFT: [],
    ListingStatus.SUBMITTED: ["submit"],
    ListingStatus.RETURNED: ["submit", "return"],
    ListingStatus.PUBLISHED: ["submit", "publish"],
    ListingStatus.MATCHED: ["submit", "publish", "match"],
    ListingStatus.CLOSED: ["submit", "publish", "close"],
}


def _load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA_DIR / f"{name}.json").read_text("utf-8"))
    return data


def _party_ref(key: str) -> str:
    return key if key.startswith("demo-") else mechanism_key(key)


def _ensure_units() -> int:
    created = 0
    for unit in _load("units"):
        existing = Party.objects.filter(external_id=unit["key"]).first()
        if existing is not None:
            adopt_demo_credit_code(party=existing, code=unit.get("credit_code", ""), actor=DEMO)
            continue
        parent = Party.objects.get(external_id=_party_ref(unit["parent"]))
        create_party(
            data=PartyData(
                name=unit["name"],
                name_en=unit.get("name_en", ""),
                kind="unit",
                subtype=unit["subtype"],
                parent_id=parent.pk,
                division_code=unit.get("division", ""),
                credit_code=unit.get("credit_code", ""),
                field_codes=tuple(unit.get("fields", [])),
                description=unit.get("description", ""),
                contact_person=unit.get("contact_person", ""),
                contact_phone=unit.get("contact_phone", ""),
                external_id=unit["key"],
            ),
            actor=DEMO,
        )
        created += 1
    return created


DEMO_MARK = "（演示数据）"


def mark(text: str) -> str:
    """Demo text carries the 演示数据 mark in its own words (shown wherever the text is)."""
    text = text.strip()
    return text if not text or "演示数据" in text else f"{text}{DEMO_MARK}"


def _common(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "external_id": row["external_id"],
        "title": row["title"],
        "owner": _party_ref(row["owner"]),
        "fields": row.get("fields", []),
        "industries": row.get("industries", []),
        "contact_person": row.get("contact_person", ""),
        "contact_phone": row.get("contact_phone", ""),
    }


def _demand(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row),
        "description": mark(row["description"]),
        "measure": row["measure"],
        "mode": row["mode"],
        "required_capabilities": row.get("required_capabilities", []),
        "preferred_regions": [mechanism_key(r) for r in row.get("preferred_regions", [])],
        "budget_min": row.get("budget_min"),
        "budget_max": row.get("budget_max"),
        "starts_on": row.get("start"),
        "ends_on": row.get("deadline"),
    }


def _capability(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row),
        "description": mark(row["description"]),
        "tags": row.get("tags", []),
        "capacity": row.get("capacity", 1),
        "regions_served": [mechanism_key(r) for r in row.get("regions_served", [])],
    }


def _achievement(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row),
        "abstract": mark(row["abstract"]),
        "keywords": row.get("keywords", []),
        "registration_number": row.get("registration_number", ""),
        "maturity": row.get("maturity", ""),
        "ip_type": row.get("ip_type", ""),
        "ip_numbers": row.get("ip_numbers", []),
        "transfer_modes": row.get("transfer_modes", []),
        "price_min": row.get("price_min"),
        "price_max": row.get("price_max"),
    }


KINDS = (
    ("demands", ListingKind.DEMAND, Demand, _demand),
    ("capabilities", ListingKind.CAPABILITY, Capability, _capability),
    ("achievements", ListingKind.ACHIEVEMENT, Achievement, _achievement),
)


def _older_spelling(stored: Any, value: str) -> bool:
    """Whether ``stored`` is what an older demo wrote for ``value``: width-folded, or without
    the 演示数据 mark — and so not something a user typed."""
    if not isinstance(stored, str) or stored == value:
        return False
    return nfkc(stored) in {nfkc(value), nfkc(value.removesuffix(DEMO_MARK))}


def _repair_folded(model: Any, values: dict[str, Any]) -> None:
    """Restore text an older version stored width-folded (“，” saved as “,”) or unmarked to the
    demo's own spelling; a value a user changed since is left alone."""
    listing = model.objects.filter(external_id=values["external_id"]).first()
    if listing is None:
        return
    wanted = {
        name: value
        for name, value in values.items()
        if isinstance(value, str) and _older_spelling(getattr(listing, name, None), value)
    }
    if wanted:
        before = audit.snapshot(listing)
        model.objects.filter(pk=listing.pk).update(**wanted)
        listing.refresh_from_db()
        services.refresh_search(listing)
        audit.record(
            instance=listing,
            actor=DEMO,
            action=AuditAction.UPDATE,
            before=before,
            reason="restored as typed / 按原文恢复",
        )


def _ensure_records(name: str, kind: str, model: Any, mapper: Any) -> int:
    existing = set(model.objects.values_list("external_id", flat=True))
    created = 0
    for row in _load(name):
        if row["external_id"] in existing:
            _repair_folded(model, mapper(row))
            continue
        listing = services.create_listing(kind=kind, data=mapper(row), actor=DEMO)
        for action in PATHS[ListingStatus(row.get("status", "published"))]:
            reason = row.get("return_reason", "") if action == "return" else ""
            services.transition_listing(
                listing=listing,
                action=action,
                actor=DEMO,
                reason=reason or ("演示数据" if action == "return" else ""),
            )
        created += 1
    return created


@transaction.atomic
def ensure_demo_listings() -> dict[str, int]:
    """Create the demo units and records that are missing; return how many were created."""
    counts = {"units": _ensure_units()}
    for name, kind, model, mapper in KINDS:
        counts[name] = _ensure_records(name, kind, model, mapper)
    return counts
