"""A party's page lists its demands, capabilities and achievements (those the reader may see)."""

from __future__ import annotations

from typing import Any

from django.db import models

from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Achievement, Capability, Demand

LIMIT = 20


def party_listings(party: models.Model, user: Any) -> dict[str, Any] | None:
    groups = []
    for model, plural in (
        (Demand, "demands"),
        (Capability, "capabilities"),
        (Achievement, "achievements"),
    ):
        rows = list(
            model.objects.visible_to(user)
            .filter(owner=party)
            .exclude(status=ListingStatus.CLOSED)
            .order_by("-updated_at")[:LIMIT]
        )
        groups.append({"label": model._meta.verbose_name_plural, "plural": plural, "rows": rows})
    if not any(g["rows"] for g in groups):
        return None
    return {"groups": groups, "party": party}
