"""Does a policy apply to a profile, and why? Pure rules over plain values (no Django, no clock).

A policy's conditions name who it is for; an empty condition means "anyone". A profile describes
the asker (entity kind, park, the park's zone designations, region, fields, foreign talent, size).
Every condition either matches (a reason to show), is open (no restriction), or fails (the
policy does not apply). Unknown profile values (a size nobody gave) never exclude a policy, but
the reason says the condition was not checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Conditions:
    """Who a policy is for (ids and codes; empty means no restriction)."""

    entity_kinds: frozenset[str] = frozenset()
    sizes: frozenset[str] = frozenset()
    foreign_talent_only: bool = False
    region_ids: frozenset[int] = frozenset()
    park_ids: frozenset[int] = frozenset()
    zone_codes: frozenset[str] = frozenset()
    field_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Profile:
    """Who asks (``None`` or empty: not given)."""

    entity_kind: str = ""
    size: str = ""
    foreign_talent: bool | None = None
    region_ids: frozenset[int] = frozenset()  # the region and the regions above it
    park_ids: frozenset[int] = frozenset()  # the park and the parks above it
    zone_codes: frozenset[str] = frozenset()
    field_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    """One checked condition: ``matched`` (a specific fit), ``open`` (no restriction) or
    ``unchecked`` (the profile did not say)."""

    condition: str  # entity_kind, size, foreign_talent, region, park, zone, field
    outcome: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    applies: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    @property
    def specific(self) -> int:
        """How many conditions matched specifically (ranks targeted policies first)."""
        return sum(1 for r in self.reasons if r.outcome == "matched")


def _choice(name: str, wanted: frozenset[str], given: str) -> Reason | None:
    if not wanted:
        return Reason(name, "open")
    if not given:
        return Reason(name, "unchecked", tuple(sorted(wanted)))
    return Reason(name, "matched", (given,)) if given in wanted else None


def _overlap(
    name: str, wanted: frozenset[Any], given: frozenset[Any], *, unknown_ok: bool = False
) -> Reason | None:
    if not wanted:
        return Reason(name, "open")
    if unknown_ok and not given:
        return Reason(name, "unchecked", tuple(sorted(str(v) for v in wanted)))
    common = wanted & given
    return Reason(name, "matched", tuple(sorted(str(v) for v in common))) if common else None


def _place(conditions: Conditions, profile: Profile) -> list[Reason | None]:
    """Parks and zones: a policy for named parks or zones needs the asker to be in one of them;
    a policy naming both is for either."""
    if not conditions.park_ids and not conditions.zone_codes:
        return [Reason("park", "open")]
    park = _overlap("park", conditions.park_ids, profile.park_ids) if conditions.park_ids else None
    zone = (
        _overlap("zone", conditions.zone_codes, profile.zone_codes)
        if conditions.zone_codes
        else None
    )
    found = [r for r in (park, zone) if r is not None]
    return found or [None]


def _talent(conditions: Conditions, profile: Profile) -> Reason | None:
    if not conditions.foreign_talent_only:
        return Reason("foreign_talent", "open")
    if profile.foreign_talent is None:
        return Reason("foreign_talent", "unchecked")
    return Reason("foreign_talent", "matched") if profile.foreign_talent else None


def judge(conditions: Conditions, profile: Profile) -> Verdict:
    """Whether the policy applies to the profile, with a reason per condition."""
    checks: list[Reason | None] = [
        _overlap("region", conditions.region_ids, profile.region_ids, unknown_ok=True),
        *_place(conditions, profile),
        _choice("entity_kind", conditions.entity_kinds, profile.entity_kind),
        _choice("size", conditions.sizes, profile.size),
        _talent(conditions, profile),
        _overlap("field", conditions.field_codes, profile.field_codes, unknown_ok=True),
    ]
    if any(c is None for c in checks):
        return Verdict(False)
    return Verdict(True, tuple(c for c in checks if c is not None))
