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


def partner_panel(record: models.Model, user: Any) -> dict[str, Any] | None:
    """On a published demand: the reader's partner organisations that may express interest in it
    (the owner answers, in the same loop as an interest from a match run)."""
    from hicoop.accounts import roles
    from hicoop.listings.choices import ListingStatus
    from hicoop.matchmaking import selectors

    if getattr(record, "status", "") != ListingStatus.PUBLISHED:
        return None
    if roles.is_joint_office_admin(user):
        return None  # the office answers for either side; it does not send as a partner here
    parties = selectors.partner_parties(user=user, demand=record)  # type: ignore[arg-type]
    if not parties:
        return None
    open_ = selectors.open_interests(record)  # type: ignore[arg-type]
    return {
        "demand": record,
        "parties": [p for p in parties if p.pk not in open_],
        "open": [open_[p.pk] for p in parties if p.pk in open_],
    }
