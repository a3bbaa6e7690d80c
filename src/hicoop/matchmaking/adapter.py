"""The only place where ORM rows become engine types (records, queries, priority matrix).

The index of live capabilities and achievements is kept per process and brought up to date
incrementally: records changed since the last run are re-added, records no longer live are
removed, nothing is rebuilt from scratch.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from hicoop.engine import AnalyzerConfig, MatchIndex, PriorityMatrix, Query, Record
from hicoop.engine.text import Analyzer
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party, RegionPriorityField
from hicoop.taxonomy.models import Field

KINDS: dict[str, Any] = {ListingKind.CAPABILITY: Capability, ListingKind.ACHIEVEMENT: Achievement}


def record_id(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def split_record_id(value: str) -> tuple[str, int]:
    kind, _, pk = value.partition(":")
    return kind, int(pk)


def root_key(party: Party) -> str:
    """The top-level region (or ministry) a party sits under, as the engine's region string."""
    return party.path.split("/")[1] if party.path else ""


def _live(model: Any, on: dt.date) -> Any:
    return model.objects.filter(status=ListingStatus.PUBLISHED).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def to_record(listing: Any) -> Record:
    capacity = getattr(listing, "capacity", None)
    return Record(
        id=record_id(listing.kind, listing.pk),
        title=listing.title,
        body=listing.body,
        keywords=tuple(listing.keyword_list),
        owner=str(listing.owner_id),
        kind=listing.kind,
        region=root_key(listing.owner),
        status=listing.status,
        fields=tuple(sorted(f.code for f in listing.fields.all())),
        capacity=int(capacity) if capacity is not None else None,
    )


def analyzer_config() -> AnalyzerConfig:
    terms: set[str] = set()
    for name, keywords in Field.objects.values_list("name", "keywords"):
        terms.add(name)
        terms.update(keywords or [])
    return AnalyzerConfig(user_terms=tuple(sorted(terms)))


@dataclass
class _Cache:
    config: AnalyzerConfig | None = None
    index: MatchIndex | None = None
    stamps: dict[str, str] = field(default_factory=dict)


_CACHE = _Cache()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class IndexState:
    index: MatchIndex
    records: int
    added: int
    removed: int
    stamp: str


def current_index(on: dt.date) -> IndexState:
    """The live-record index, updated incrementally from what changed since the last call."""
    with _LOCK:
        config = analyzer_config()
        if _CACHE.index is None or _CACHE.config != config:
            _CACHE.config, _CACHE.index, _CACHE.stamps = config, MatchIndex(Analyzer(config)), {}
        index = _CACHE.index
        assert index is not None
        stamps: dict[str, str] = {}
        for kind, model in KINDS.items():
            for pk, updated in _live(model, on).values_list("pk", "updated_at"):
                stamps[record_id(kind, pk)] = updated.isoformat()
        changed = [rid for rid, stamp in stamps.items() if _CACHE.stamps.get(rid) != stamp]
        gone = [rid for rid in _CACHE.stamps if rid not in stamps]
        for rid in gone:
            index.remove(rid)
        for kind, model in KINDS.items():
            pks = [split_record_id(r)[1] for r in changed if r.startswith(f"{kind}:")]
            rows = (
                model.objects.filter(pk__in=pks).select_related("owner").prefetch_related("fields")
            )
            for listing in rows:
                index.add(to_record(listing))
        _CACHE.stamps = stamps
        return IndexState(
            index, len(stamps), len(changed), len(gone), max(stamps.values(), default="")
        )


def reset_index() -> None:
    """Forget the cached index (tests, or after a bulk import)."""
    with _LOCK:
        _CACHE.index, _CACHE.config, _CACHE.stamps = None, None, {}


def demand_query(demand: Demand) -> Query:
    return Query(
        text=f"{demand.title}\n{demand.description}",
        keywords=tuple(demand.required_capabilities or ()),
        fields=tuple(sorted(f.code for f in demand.fields.all())),
        preferred_regions=tuple(sorted({root_key(p) for p in demand.preferred_regions.all()})),
    )


def priority_matrix(year: int) -> tuple[PriorityMatrix, int | None]:
    """The key-region × field matrix of ``year`` (or the latest earlier year that has one)."""
    used = (
        RegionPriorityField.objects.filter(year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if used is None:
        return PriorityMatrix(), None
    cells = RegionPriorityField.objects.filter(year=used).select_related("region", "field")
    weights = {(root_key(c.region), c.field.code): float(Decimal(c.weight)) for c in cells}
    return PriorityMatrix.from_mapping(weights), used


def hainan_owner_ids() -> frozenset[str]:
    """Owners inside Hainan: partners come from outside, so they are never candidates."""
    hainan = Party.objects.filter(external_id=mechanism_key("hainan")).first()
    if hainan is None:
        return frozenset()
    return frozenset(
        str(pk)
        for pk in Party.objects.filter(path__startswith=hainan.path).values_list("pk", flat=True)
    )


def region_names() -> dict[str, str]:
    return {str(p.pk): p.short_name or p.name for p in Party.objects.filter(parent__isnull=True)}
