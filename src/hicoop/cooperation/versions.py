"""An item's content as plain data, so yearly versions can be stored, diffed and compared."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from hicoop.cooperation.choices import Side

SCALARS = (
    "title",
    "measure",
    "fields",
    "mode",
    "goals",
    "hainan_parties",
    "partner_parties",
    "hainan_lead",
    "hainan_lead_contact",
    "partner_lead",
    "partner_lead_contact",
    "weight",
    "pairing",
)

LABELS: dict[str, Any] = {
    "title": _("title"),
    "measure": _("measure"),
    "fields": _("fields"),
    "mode": _("cooperation mode"),
    "goals": _("goals"),
    "hainan_parties": _("Hainan side"),
    "partner_parties": _("Partner side"),
    "hainan_lead": _("responsible person (Hainan)"),
    "hainan_lead_contact": _("contact (Hainan)"),
    "partner_lead": _("responsible person (partner)"),
    "partner_lead_contact": _("contact (partner)"),
    "weight": _("roll-up weight"),
    "pairing": _("park pairing"),
    "name": _("name"),
    "unit": _("unit"),
    "target": _("target"),
    "due_on": _("due on"),
    "indicator": _("indicator"),
    "milestone": _("milestone"),
}


def plain_number(value: Decimal | int) -> str:
    """``500.00`` → ``500``, ``2.50`` → ``2.5`` (never scientific notation)."""
    return format(Decimal(value).normalize(), "f")


def content_of(item: Any) -> dict[str, Any]:
    """The adjustable content of ``item`` (goals, targets, parties, milestones …)."""
    sides = list(item.sides.select_related("party").order_by("side", "party__name", "pk"))
    return {
        "title": item.title,
        "measure": item.measure.number,
        "fields": sorted(item.fields.values_list("code", flat=True)),
        "mode": item.mode,
        "goals": item.goals,
        "hainan_parties": [s.party.name for s in sides if s.side == Side.HAINAN],
        "partner_parties": [s.party.name for s in sides if s.side == Side.PARTNER],
        "hainan_lead": item.hainan_lead,
        "hainan_lead_contact": item.hainan_lead_contact,
        "partner_lead": item.partner_lead,
        "partner_lead_contact": item.partner_lead_contact,
        "weight": plain_number(item.weight),
        "pairing": item.pairing.key if item.pairing_id else "",
        "indicators": [
            {
                "code": i.code,
                "kind": i.kind,
                "name": i.name,
                "unit": i.unit,
                "target": plain_number(i.target),
                "weight": plain_number(i.weight),
            }
            for i in item.indicators.order_by("pk")
        ],
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "due_on": m.due_on.isoformat(),
                "weight": plain_number(m.weight),
            }
            for m in item.milestones.order_by("due_on", "pk")
        ],
    }


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def flatten(content: dict[str, Any]) -> dict[str, str]:
    """One text value per comparable path, e.g. ``indicators.funds.target``."""
    flat = {key: _text(content.get(key)) for key in SCALARS}
    for row in content.get("indicators", []):
        for attr in ("name", "unit", "target", "weight"):
            flat[f"indicators.{row['code']}.{attr}"] = _text(row.get(attr))
    for row in content.get("milestones", []):
        for attr in ("title", "due_on", "weight"):
            flat[f"milestones.{row['id']}.{attr}"] = _text(row.get(attr))
    return flat


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """``{path: [old, new]}`` for every path whose value differs."""
    old, new = flatten(before), flatten(after)
    return {
        k: [old.get(k, ""), new.get(k, "")]
        for k in sorted(set(old) | set(new))
        if old.get(k, "") != new.get(k, "")
    }


@dataclass(frozen=True)
class Difference:
    path: str
    label: str
    old: str
    new: str


def _label(path: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    parts = path.split(".")
    if len(parts) == 1:
        return str(LABELS.get(path, path))
    group, key, attr = parts
    rows = [*after.get(group, []), *before.get(group, [])]
    id_key = "code" if group == "indicators" else "id"
    row = next((r for r in rows if str(r[id_key]) == key), {})
    owner = row.get("name") or row.get("title") or key
    noun = LABELS["indicator"] if group == "indicators" else LABELS["milestone"]
    return f"{noun}「{owner}」· {LABELS.get(attr, attr)}"


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[Difference]:
    """Readable differences between two versions' content."""
    return [
        Difference(path, _label(path, before, after), old, new)
        for path, (old, new) in changes(before, after).items()
    ]
