"""Embeddings of live records and partner profiles, computed in batches by the job queue.

``embed_pending`` finds every live capability, achievement and partner profile whose vector for
the configured model is missing or was computed from an older text, embeds them in batches of
``BATCH`` and stores each batch in its own transaction, so a stopped job loses at most one
batch and the next job goes on from there (resumable). A changed model (name or version) has
no vectors yet, so everything is embedded again for it; vectors of other models stay until
``prune`` (they are what a rollback of the model would reuse).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core.actors import MATCHING, Actor
from hicoop.core.jobs import enqueue
from hicoop.core.models import Job, JobStatus
from hicoop.engine import Record
from hicoop.engine.embedding import ModelInfo
from hicoop.matchmaking import adapter
from hicoop.matchmaking.models import EmbeddingVector, VectorKind
from hicoop.parties.models import Party

BATCH = 32
EMBED_KIND = "matchmaking.embed"
ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Source:
    """One text to embed: a record or a partner profile."""

    kind: str
    object_id: int
    text: str
    hash: str


def sources(on: dt.date) -> list[Source]:
    """Live capabilities and achievements, and the profiles of the partners owning them."""
    found: list[Source] = []
    owners: set[int] = set()
    for kind, model in adapter.KINDS.items():
        for listing in adapter.live(model, on).order_by("pk"):
            record = Record(
                adapter.record_id(kind, listing.pk),
                listing.title,
                listing.body,
                tuple(listing.keyword_list),
            )
            text = adapter.record_text(record)
            found.append(Source(kind, listing.pk, text, adapter.text_hash(text)))
            owners.add(listing.owner_id)
    for party in Party.objects.filter(pk__in=owners).exclude(description="").order_by("pk"):
        text = adapter.profile_text(party)
        found.append(Source(VectorKind.PARTY, party.pk, text, adapter.text_hash(text)))
    return found


def pending(info: ModelInfo, on: dt.date) -> list[Source]:
    """Sources without a current vector for ``info``."""
    stored = {
        (kind, object_id): source
        for kind, object_id, source in EmbeddingVector.objects.filter(
            model_name=info.name, model_version=info.version
        ).values_list("kind", "object_id", "source_hash")
    }
    return [s for s in sources(on) if stored.get((s.kind, s.object_id)) != s.hash]


@transaction.atomic
def store_vectors(*, items: list[Source], vectors: np.ndarray, info: ModelInfo) -> int:
    """Write one batch of vectors (replacing older ones of the same model)."""
    rows = np.asarray(vectors, "<f4")
    for source, row in zip(items, rows, strict=True):
        EmbeddingVector.objects.update_or_create(
            kind=source.kind,
            object_id=source.object_id,
            model_name=info.name,
            model_version=info.version,
            defaults={"source_hash": source.hash, "dim": info.dim, "vector": row.tobytes()},
        )
    return len(items)


def embed_pending(
    *, on: dt.date | None = None, progress: ProgressFn | None = None
) -> dict[str, Any]:
    """Embed everything pending for the configured model; the job's work."""
    status = adapter.embedding_backend()
    if status.backend is None:
        return {"embedded": 0, "lexical_only_reason": status.reason}
    backend, info = status.backend, status.backend.info
    todo = pending(info, on or timezone.localdate())
    done = 0
    report = progress or (lambda d, t, m: None)
    report(
        0,
        len(todo),
        _("Embedding %(n)s texts with %(model)s") % {"n": len(todo), "model": info.name},
    )
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = backend.embed([s.text for s in batch], query=False)
        done += store_vectors(items=batch, vectors=vectors, info=info)
        report(done, len(todo), "")
    return {"embedded": done, "model": info.key}


def prune(*, keep: ModelInfo) -> int:
    """Delete the vectors of every model but ``keep``."""
    stale = EmbeddingVector.objects.exclude(model_name=keep.name, model_version=keep.version)
    return int(stale.delete()[0])


def request_embedding(*, actor: Actor, on: dt.date | None = None) -> Any:
    """Ask the job queue to embed what is pending, once: while an embedding job is queued or
    running, that job is returned instead of a new one. ``on`` is the day whose live records
    count (today when not given)."""
    if adapter.embedding_backend().backend is None:
        return None
    busy = (
        Job.objects.filter(kind=EMBED_KIND, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .order_by("pk")
        .first()
    )
    if busy is not None:  # already asked for: that job will embed what is pending
        return busy
    params = {"on": on.isoformat()} if on else {}
    return enqueue(kind=EMBED_KIND, params=params, actor=actor)


def text_saved(sender: Any, **kwargs: Any) -> None:
    """``post_save`` of a record or party: embed what changed once the transaction commits."""
    if kwargs.get("raw"):  # fixtures loading
        return
    transaction.on_commit(lambda: request_embedding(actor=MATCHING))
