"""The expressions of interest shown on a demand's and a cooperation item's page: who wrote what
to whom and what the partner answered (the note of an acceptance as well as of a decline)."""

from __future__ import annotations

from typing import Any

from django.db import models

from hicoop.matchmaking.models import Interest


def interests_panel(record: models.Model, user: Any) -> dict[str, Any] | None:
    qs = Interest.objects.visible_to(user).select_related(
        "partner", "demand", "sent_by", "answered_by"
    )
    if record._meta.model_name == "cooperationitem":
        qs = qs.filter(item=record)
    else:
        qs = qs.filter(demand=record)
    interests = list(qs.order_by("-sent_at", "-pk")[:20])
    if not interests:
        return None
    return {"interests": interests}


def offer_panel(record: models.Model, user: Any) -> dict[str, Any] | None:
    """On a published capability or achievement: the reader's open demands to send an interest
    from (into the same interest loop as from a match run)."""
    from hicoop.listings.choices import ListingStatus
    from hicoop.listings.models import Demand
    from hicoop.parties.models import Party

    if not getattr(user, "is_authenticated", False):
        return None
    if getattr(record, "status", "") != ListingStatus.PUBLISHED:
        return None
    own = Party.objects.editable_by(user).values("pk")
    demands = list(
        Demand.objects.filter(owner__in=own, status=ListingStatus.PUBLISHED)
        .exclude(owner=record.owner_id)
        .order_by("-updated_at")[:50]
    )
    if not demands:
        return None
    return {"demands": demands, "offer": record}
