"""Reads of the parties registry, always scoped to the user where they start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from hicoop.core.exceptions import NotFound
from hicoop.core.text import nfkc
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party, RegionPriorityField
from hicoop.taxonomy.selectors import matrix_rows

SORTS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "kind": ("kind", "name", "pk"),
    "tree": ("path", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "division": ("division__code", "name", "pk"),
}


@dataclass(frozen=True)
class PartyFilters:
    q: str = ""
    kind: str = ""
    region: int | None = None
    field: str = ""
    active: bool | None = None
    sort: str = "tree"


def party_list(*, user: Any, filters: PartyFilters | None = None) -> QuerySet[Party]:
    """Parties the user may see, filtered, searched and sorted."""
    f = filters or PartyFilters()
    qs = (
        Party.objects.visible_to(user)
        .select_related("parent", "division")
        .prefetch_related("fields")
    )
    if f.q:
        term, typed = nfkc(f.q), f.q.strip()  # names are stored as typed; match either form
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(name__icontains=typed)
            | Q(name_en__icontains=term)
            | Q(short_name__icontains=term)
            | Q(short_name__icontains=typed)
            | Q(credit_code__iexact=term)
            | Q(division__code__startswith=term)
        )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.region is not None:
        region = Party.objects.visible_to(user).filter(pk=f.region).first()
        qs = qs.filter(path__startswith=region.path) if region else qs.none()
    if f.field:
        qs = qs.filter(fields__code=f.field)
    if f.active is not None:
        qs = qs.filter(is_active=f.active)
    return qs.order_by(*SORTS.get(f.sort, SORTS["tree"])).distinct()


def party_detail(*, user: Any, pk: int) -> Party:
    party = (
        Party.objects.visible_to(user)
        .select_related("parent", "division")
        .prefetch_related("fields", "designations")
        .filter(pk=pk)
        .first()
    )
    if party is None:
        raise NotFound()
    return party


def party_children(*, user: Any, party: Party) -> QuerySet[Party]:
    return Party.objects.visible_to(user).filter(parent=party).order_by("path", "pk")


def can_edit(*, user: Any, party: Party) -> bool:
    return Party.objects.editable_by(user).filter(pk=party.pk).exists()


def region_choices(*, user: Any) -> QuerySet[Party]:
    return Party.objects.visible_to(user).filter(kind=PartyKind.REGION).order_by("path", "pk")


def parent_choices(*, user: Any) -> QuerySet[Party]:
    """Parties under which the user may add a party (the admin: any)."""
    return Party.objects.editable_by(user).exclude(kind=PartyKind.UNIT).order_by("path", "pk")


def priority_matrix(*, year: int | None = None) -> tuple[int | None, list[RegionPriorityField]]:
    """The key-region × priority-field matrix of a year (the latest when no year is given)."""
    years = list(
        RegionPriorityField.objects.values_list("year", flat=True).distinct().order_by("-year")
    )
    chosen = year if year is not None else (years[0] if years else None)
    if chosen is None:
        return None, []
    rows = list(RegionPriorityField.objects.filter(year=chosen).select_related("region", "field"))
    return chosen, rows


def party_counts_by_kind(*, user: Any) -> dict[str, int]:
    rows = Party.objects.visible_to(user).values("kind").annotate(n=Count("pk"))
    return {r["kind"]: r["n"] for r in rows}


def home_part(request: Any) -> dict[str, Any]:
    """The start page's party counts by kind and the current priority matrix."""
    year, matrix = priority_matrix()
    counts = party_counts_by_kind(user=request.user)
    return {
        "kind_counts": [(k, label, counts.get(k, 0)) for k, label in PartyKind.choices],
        "matrix_year": year,
        "matrix": matrix_rows(matrix),
    }
