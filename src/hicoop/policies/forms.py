"""Form helpers: the declared attributes (``records.py``) rendered as fields and read back from a
POST, so a form keeps what was typed when the service refuses it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import get_language

from hicoop.core.inputs import Attr
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party, ZoneDesignation
from hicoop.policies.models import Policy
from hicoop.taxonomy.models import Field

MULTI = {"choices", "refs"}


@dataclass
class FormField:
    attr: Attr
    value: Any
    options: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.attr.en if (get_language() or "").startswith("en") else self.attr.zh

    @property
    def multiple(self) -> bool:
        return self.attr.type in MULTI and bool(self.options)

    @property
    def selected(self) -> set[str]:
        value = self.value
        if isinstance(value, list | tuple | set):
            return {str(v) for v in value}
        return {str(value)} if value not in (None, "") else set()

    @property
    def text(self) -> str:
        if isinstance(self.value, list | tuple):
            return "；".join(str(v) for v in self.value)
        return "" if self.value is None else str(self.value)


def _party_options(kind: str) -> list[tuple[str, str]]:
    return [(str(p.pk), p.display_name) for p in Party.objects.filter(kind=kind, is_active=True)]


def options_for(attr: Attr) -> list[tuple[str, str]]:
    if attr.type in {"choice", "choices"} and not isinstance(attr.choices, tuple | list):
        return [(str(c), str(label)) for c, label in attr.choices.choices]
    if attr.name == "issuer":
        issuers = Party.objects.exclude(kind=PartyKind.UNIT).filter(is_active=True)
        return [(str(p.pk), p.display_name) for p in issuers]
    if attr.name in {"regions", "region"}:
        return _party_options(PartyKind.REGION)
    if attr.name in {"parks", "park"}:
        return _party_options(PartyKind.PARK)
    if attr.name in {"zones", "zone"}:
        return [(z.code, z.display_name) for z in ZoneDesignation.objects.all()]
    if attr.name == "fields":
        return [(f.code, f.display_name) for f in Field.objects.all()]
    return []


def build(
    attrs: Iterable[Attr],
    values: Mapping[str, Any],
    errors: Mapping[str, list[str]] | None = None,
) -> list[FormField]:
    errors = errors or {}
    return [
        FormField(a, values.get(a.name), options_for(a), list(errors.get(a.name, [])))
        for a in attrs
    ]


def read(attrs: Iterable[Attr], post: QueryDict) -> dict[str, Any]:
    """The posted values by attribute (lists for multi-value fields, as typed otherwise)."""
    out: dict[str, Any] = {}
    for attr in attrs:
        if attr.name not in post and attr.type not in MULTI:
            continue
        if attr.type in MULTI and options_for(attr):
            out[attr.name] = [v for v in post.getlist(attr.name) if v]
        else:
            out[attr.name] = post.get(attr.name, "")
    return out


def policy_values(policy: Policy) -> dict[str, Any]:
    return {
        "title": policy.title,
        "title_en": policy.title_en,
        "doc_number": policy.doc_number,
        "issuer": str(policy.issuer_id),
        "issuing_body": policy.issuing_body,
        "level": policy.level,
        "category": policy.category,
        "tags": policy.tags,
        "fields": [f.code for f in policy.fields.all()],
        "regions": [str(p.pk) for p in policy.regions.all()],
        "parks": [str(p.pk) for p in policy.parks.all()],
        "zones": [z.code for z in policy.zones.all()],
        "entity_kinds": policy.entity_kinds,
        "sizes": policy.sizes,
        "foreign_talent": policy.foreign_talent,
        "benefit_summary": policy.benefit_summary,
        "benefit_summary_en": policy.benefit_summary_en,
        "benefit_clauses": policy.benefit_clauses,
        "source_url": policy.source_url,
        "source_note": policy.source_note,
        "key": policy.key,
    }
