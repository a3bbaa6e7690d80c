"""The parties' picker sources: any party the user may see, units, and possible parents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from hicoop.core.pickers import QuerySource, register
from hicoop.parties import selectors
from hicoop.parties.choices import PartyKind
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party

TEXT = ("name", "short_name", "name_en")


def _detail(party: Party) -> str:
    kind = str(PartyKind(party.kind).label) if party.kind in PartyKind.values else party.kind
    return f"{kind} · {party.parent.display_name}" if party.parent is not None else kind


def _on_side(qs: QuerySet[Party], side: str) -> QuerySet[Party]:
    hainan = Party.objects.filter(external_id=mechanism_key("hainan")).first()
    if hainan is None or side not in ("hainan", "partner"):
        return qs
    inside = qs.filter(path__startswith=hainan.path)
    return inside if side == "hainan" else qs.exclude(pk__in=inside.values("pk"))


def visible(user: Any, params: Mapping[str, str]) -> QuerySet[Party]:
    qs = Party.objects.visible_to(user).filter(is_active=True).select_related("parent")
    return _on_side(qs, params.get("side", ""))


def units(user: Any, params: Mapping[str, str]) -> QuerySet[Party]:
    return visible(user, params).filter(kind=PartyKind.UNIT)


def parents(user: Any, params: Mapping[str, str]) -> QuerySet[Party]:
    """Where the user may put a party; never under the party itself (``exclude``)."""
    qs = selectors.parent_choices(user=user).select_related("parent")
    moved = (
        Party.objects.filter(pk=params.get("exclude", "")).first()
        if params.get("exclude", "").isdigit()
        else None
    )
    return qs.exclude(path__startswith=moved.path) if moved is not None else qs


def source(queryset: Any) -> QuerySource:
    return QuerySource(
        queryset=queryset,
        text_fields=TEXT,
        code_field="credit_code",
        value=lambda p: str(p.pk),
        label=lambda p: p.display_name,
        detail=_detail,
    )


def register_sources() -> None:
    register("parties", source(visible))
    register("units", source(units))
    register("parents", source(parents))
