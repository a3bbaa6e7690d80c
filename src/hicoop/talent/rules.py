"""The adapter: ORM rows of the talent app become the engine's types (and back into traces)."""

from __future__ import annotations

from typing import Any

from hicoop.engine import worklist
from hicoop.talent.models import ListEntry, ListVersion
from hicoop.taxonomy.models import IndustryCode


def rule_of(entry: ListEntry) -> worklist.Rule:
    return worklist.Rule(
        code=entry.code,
        industry=entry.industry.code,
        occupation=entry.occupation,
        position_kind=entry.position_kind,
        restriction=entry.restriction,
        conditions=tuple(entry.conditions or ()),
        legal_reference=entry.legal_reference,
    )


def rules_of(version: ListVersion) -> list[worklist.Rule]:
    return [rule_of(e) for e in version.entries.select_related("industry")]


def industry_ancestry(industry: IndustryCode) -> tuple[str, ...]:
    """The code itself and every parent up to its section (group → division → section)."""
    codes = []
    node: IndustryCode | None = industry
    while node is not None:
        codes.append(node.code)
        node = node.parent
    return tuple(codes)


def policy_of(entries: Any, code: str) -> dict[str, Any] | None:
    """The catalogue policy an entry cites, for the trace (id, title, page)."""
    from django.urls import reverse

    entry = next((e for e in entries if e.code == code), None)
    if entry is None or entry.policy is None:
        return None
    policy = entry.policy
    return {
        "id": policy.pk,
        "title": policy.display_title,
        "url": reverse("policies:detail", args=[policy.pk]),
    }


def rule_dict(rule: worklist.Rule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {
        "code": rule.code,
        "industry": rule.industry,
        "occupation": rule.occupation,
        "position_kind": rule.position_kind,
        "restriction": rule.restriction,
        "conditions": list(rule.conditions),
        "legal_reference": rule.legal_reference,
    }
