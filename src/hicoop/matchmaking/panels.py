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
