"""The only place where ORM rows become engine types (records, queries, priority matrix,
embedding vectors).

The index of live capabilities and achievements is kept per process and brought up to date
incrementally: records changed since the last run are re-added, records no longer live are
removed, nothing is rebuilt from scratch. The same goes for the semantic channel: the vectors
the job queue stored for the configured model are loaded as they change; a record whose text
changed since its vector was computed has no vector until the job has embedded it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Q

from hicoop.engine import AnalyzerConfig, MatchIndex, PriorityMatrix, Query, Record
from hicoop.engine.embedding import (
    MAX_QUERY_CHARS,
    BackendStatus,
    ModelInfo,
    clip,
    load_backend,
    passage_text,
)
from hicoop.engine.semantic import VectorStore
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


def live(model: Any, on: dt.date) -> Any:
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


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def record_text(record: Record) -> str:
    """What is embedded for a record (engine rule: title, keywords, body, bounded)."""
    return passage_text(record.title, record.keywords, record.body)


def profile_text(party: Party) -> str:
    """What is embedded for a partner profile: its name and description."""
    return passage_text(party.name, (), party.description)


@dataclass
class _Cache:
    config: AnalyzerConfig | None = None
    index: MatchIndex | None = None
    stamps: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # record id → hash of its current text
    vector_stamps: dict[str, str] = field(default_factory=dict)  # vector key → computed_at
    backend: tuple[str, BackendStatus] | None = None


_CACHE = _Cache()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class SemanticState:
    """What the semantic channel of a run had: its model, or why there was none."""

    model: ModelInfo | None
    reason: str = ""  # why lexical only: "off", "not_installed" or "unusable" (+ details)
    detail: str = ""
    vectors: int = 0
    profiles: int = 0
    awaiting: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "model": self.model.key if self.model else None,
            "lexical_only_reason": self.reason,
            "detail": self.detail,
            "vectors": self.vectors,
            "profiles": self.profiles,
            "records_awaiting_embedding": self.awaiting,
        }


@dataclass(frozen=True)
class IndexState:
    index: MatchIndex
    records: int
    added: int
    removed: int
    stamp: str
    semantic: SemanticState = SemanticState(None)


def current_index(on: dt.date) -> IndexState:
    """The live-record index, updated incrementally from what changed since the last call."""
    with _LOCK:
        config = analyzer_config()
        if _CACHE.index is None or _CACHE.config != config:
            _CACHE.config, _CACHE.index, _CACHE.stamps = config, MatchIndex(Analyzer(config)), {}
            _CACHE.hashes, _CACHE.vector_stamps = {}, {}
        index = _CACHE.index
        assert index is not None
        stamps: dict[str, str] = {}
        for kind, model in KINDS.items():
            for pk, updated in live(model, on).values_list("pk", "updated_at"):
                stamps[record_id(kind, pk)] = updated.isoformat()
        changed = [rid for rid, stamp in stamps.items() if _CACHE.stamps.get(rid) != stamp]
        gone = [rid for rid in _CACHE.stamps if rid not in stamps]
        for rid in gone:
            index.remove(rid)
            _CACHE.hashes.pop(rid, None)
        for kind, model in KINDS.items():
            pks = [split_record_id(r)[1] for r in changed if r.startswith(f"{kind}:")]
            rows = (
                model.objects.filter(pk__in=pks).select_related("owner").prefetch_related("fields")
            )
            for listing in rows:
                record = to_record(listing)
                index.add(record)
                _CACHE.hashes[record.id] = text_hash(record_text(record))
        _CACHE.stamps = stamps
        semantic = _sync_vectors(index)
        return IndexState(
            index, len(stamps), len(changed), len(gone), max(stamps.values(), default=""), semantic
        )


def reset_index() -> None:
    """Forget the cached index and backend (tests, after a bulk import or a model change)."""
    with _LOCK:
        _CACHE.index, _CACHE.config, _CACHE.stamps = None, None, {}
        _CACHE.hashes, _CACHE.vector_stamps, _CACHE.backend = {}, {}, None


def embedding_backend() -> BackendStatus:
    """The configured backend (``settings.EMBEDDING_MODEL``), loaded once per process."""
    spec = str(getattr(settings, "EMBEDDING_MODEL", "") or "")
    cached = _CACHE.backend
    if cached is None or cached[0] != spec:
        cached = _CACHE.backend = (spec, load_backend(spec))
    return cached[1]


def query_vectors(index: MatchIndex, queries: list[Query]) -> list[np.ndarray | None]:
    """The queries' embeddings at request time, in one batch (None each when lexical only:
    no backend, or no record vectors yet to compare them with)."""
    backend = embedding_backend().backend
    if backend is None or not queries or index.vectors is None or not len(index.vectors):
        return [None] * len(queries)
    texts = [clip("。".join([q.text, *q.keywords]), MAX_QUERY_CHARS) for q in queries]
    return list(backend.embed(texts, query=True))


def _wanted_vectors(info: ModelInfo, owners: set[str]) -> dict[str, tuple[str, str]]:
    """Vector key (record id, or ``party:<pk>``) → (stored row key, computed_at) for the stored
    vectors of ``info`` whose text is still current."""
    from hicoop.matchmaking.models import EmbeddingVector, VectorKind

    profiles = {
        str(pk): text_hash(profile_text(Party(name=name, description=description)))
        for pk, name, description in Party.objects.filter(
            pk__in=[int(o) for o in owners]
        ).values_list("pk", "name", "description")
    }
    wanted: dict[str, tuple[str, str]] = {}
    rows = EmbeddingVector.objects.filter(model_name=info.name, model_version=info.version)
    for pk, kind, object_id, source, at in rows.values_list(
        "pk", "kind", "object_id", "source_hash", "computed_at"
    ):
        key = record_id(kind, object_id)
        current = (
            profiles.get(str(object_id)) if kind == VectorKind.PARTY else _CACHE.hashes.get(key)
        )
        if current == source:
            wanted[key] = (str(pk), at.isoformat())
    return wanted


def _sync_vectors(index: MatchIndex) -> SemanticState:
    from hicoop.matchmaking.models import EmbeddingVector

    status = embedding_backend()
    if status.backend is None:
        index.vectors = None
        return SemanticState(None, reason=status.code, detail=status.reason)
    info = status.backend.info
    if index.vectors is None or index.vectors.model != info:
        index.vectors, _CACHE.vector_stamps = VectorStore(info), {}
    store = index.vectors
    owners = {r.owner for r in (index.record(rid) for rid in _CACHE.hashes) if r.owner}
    wanted = _wanted_vectors(info, owners)
    for key in [k for k in _CACHE.vector_stamps if k not in wanted]:
        _forget_vector(store, key)
    fresh = [k for k, (_, at) in wanted.items() if _CACHE.vector_stamps.get(k) != at]
    rows = EmbeddingVector.objects.filter(pk__in=[int(wanted[k][0]) for k in fresh])
    for kind, object_id, blob in rows.values_list("kind", "object_id", "vector"):
        _put_vector(store, record_id(kind, object_id), np.frombuffer(bytes(blob), "<f4"))
    _CACHE.vector_stamps = {k: at for k, (_, at) in wanted.items()}
    records = sum(1 for k in wanted if not k.startswith("party:"))
    return SemanticState(
        info,
        vectors=records,
        profiles=len(wanted) - records,
        awaiting=len(_CACHE.hashes) - records,
    )


def _put_vector(store: VectorStore, key: str, vector: np.ndarray) -> None:
    if key.startswith("party:"):
        store.set_profile(key.partition(":")[2], vector)
    else:
        store.set_many([key], vector[None, :])


def _forget_vector(store: VectorStore, key: str) -> None:
    if key.startswith("party:"):
        store.set_profile(key.partition(":")[2], None)
    else:
        store.remove(key)


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
