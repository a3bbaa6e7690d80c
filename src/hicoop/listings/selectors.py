"""Reads of demands, capabilities and achievements: scoped, searched, faceted and sorted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Q, QuerySet

from hicoop.core import scope
from hicoop.core.exceptions import NotFound
from hicoop.listings import records, search
from hicoop.listings.choices import ListingKind
from hicoop.parties.models import Party

SORTS = {
    "-updated": ("-updated_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "title": ("title", "pk"),
    "ends_on": ("ends_on", "pk"),
    "-created": ("-created_at", "-pk"),
}


@dataclass(frozen=True)
class ListingFilters:
    q: str = ""
    field: str = ""
    region: int | None = None
    measure: int | None = None
    mode: str = ""
    status: str = ""
    owner: int | None = None
    sort: str = ""  # "" = relevance when searching, else newest first


def _related(kind: str, qs: QuerySet[Any]) -> QuerySet[Any]:
    qs = qs.select_related("owner").prefetch_related("fields", "industries")
    if kind == ListingKind.DEMAND:
        qs = qs.select_related("measure").prefetch_related("preferred_regions")
    return qs


def _facets(kind: str, qs: QuerySet[Any], f: ListingFilters, user: Any) -> QuerySet[Any]:
    if f.field:
        qs = qs.filter(fields__code=f.field)
    if f.region is not None:
        region = Party.objects.visible_to(user).filter(pk=f.region).first()
        qs = qs.filter(owner__path__startswith=region.path) if region else qs.none()
    if f.owner is not None:
        qs = qs.filter(owner_id=f.owner)
    if f.status:
        qs = qs.filter(status=f.status)
    if kind == ListingKind.DEMAND:
        if f.measure is not None:
            qs = qs.filter(measure__number=f.measure)
        if f.mode:
            qs = qs.filter(mode=f.mode)
    return qs.distinct()


def listing_queryset(
    *, kind: str, user: Any, filters: ListingFilters, on: dt.date
) -> QuerySet[Any]:
    """Scoped and faceted records of ``kind`` (no text search, no ordering by relevance)."""
    model = records.MODELS[kind]
    qs = model.objects.visible_to(user, on=on)
    return _related(kind, _facets(kind, qs, filters, user))


def listing_search(
    *, kind: str, user: Any, filters: ListingFilters, on: dt.date
) -> list[Any] | QuerySet[Any]:
    """Records of ``kind`` the user may see, searched, faceted and sorted.

    With a query, results are ranked by relevance (or by ``sort`` when given) and carry the
    matched terms for highlighting; without one, they are sorted in the database and returned
    unevaluated, so a page reads only its own rows.
    """
    qs = listing_queryset(kind=kind, user=user, filters=filters, on=on)
    query = search.Query.parse(filters.q) if filters.q else None
    if query is None or not query.terms:
        return qs.order_by(*SORTS.get(filters.sort, SORTS["-updated"]))
    found = search.rank(list(search.candidates(qs, query)[: search.MAX_CANDIDATES]), query)
    if filters.sort in SORTS:
        field = SORTS[filters.sort][0]
        reverse = field.startswith("-")
        key = field.lstrip("-")
        found.sort(key=lambda r: (getattr(r, key) is None, getattr(r, key) or 0), reverse=reverse)
    return [r for r in found if r.score > 0]


FACETS = ("field", "region", "status", "measure", "mode")
_FACET_COLUMNS = {
    "field": "fields__code",
    "region": "owner__path",
    "status": "status",
    "measure": "measure__number",
    "mode": "mode",
}


def facet_counts(
    *, kind: str, user: Any, filters: ListingFilters, on: dt.date
) -> dict[str, dict[str, int]]:
    """For each facet, how many records the current query and the *other* facets leave for each
    of its options (so picking an option shows that many); regions count their whole subtree."""
    query = search.Query.parse(filters.q) if filters.q else None
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        if kind != ListingKind.DEMAND and facet in {"measure", "mode"}:
            continue
        cleared: Any = None if facet in {"region", "measure"} else ""
        others = replace(filters, **{facet: cleared})
        qs = listing_queryset(kind=kind, user=user, filters=others, on=on)
        if query is not None and query.terms:
            qs = search.candidates(qs, query)
        column = _FACET_COLUMNS[facet]
        rows = (
            qs.prefetch_related(None)
            .order_by()
            .values_list(column)
            .annotate(n=Count("pk", distinct=True))
        )
        found = {str(value): n for value, n in rows if value is not None}
        counts[facet] = _by_region(found) if facet == "region" else found
    return counts


def _by_region(paths: dict[str, int]) -> dict[str, int]:
    """Counts by owner path summed up to the region (the first path segment) each lies in."""
    regions = Party.objects.filter(kind="region").values_list("pk", "path")
    return {
        str(pk): sum(n for owner, n in paths.items() if owner.startswith(path))
        for pk, path in regions
    }


def listing_detail(*, kind: str, user: Any, pk: int, on: dt.date) -> Any:
    model = records.MODELS[kind]
    found = model.objects.visible_to(user, on=on).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def can_edit(*, user: Any, listing: Any) -> bool:
    return scope.can_edit(listing, user)


def owner_choices(*, user: Any, kind: str) -> QuerySet[Party]:
    qs = Party.objects.editable_by(user).filter(is_active=True)
    if kind == ListingKind.ACHIEVEMENT:
        qs = qs.filter(kind="unit")
    return qs.order_by("path", "pk")


def review_queue(*, user: Any) -> dict[str, list[Any]]:
    """Submitted records waiting for the joint office, per kind."""
    out = {}
    for kind, model in records.MODELS.items():
        out[kind] = list(
            model.objects.editable_by(user)
            .filter(Q(status="submitted"))
            .select_related("owner")[:100]
        )
    return out
