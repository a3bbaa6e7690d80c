"""A party's page lists the cooperation items and park pairings it takes part in."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from hicoop.cooperation.models import CooperationItem, Pairing


def party_cooperation(party: models.Model, user: Any) -> dict[str, Any] | None:
    items = list(
        CooperationItem.objects.visible_to(user)
        .filter(sides__party=party)
        .distinct()
        .order_by("-year", "number")[:30]
    )
    pairings = list(
        Pairing.objects.filter(Q(hainan_parks=party) | Q(helpers=party)).distinct()[:20]
    )
    if not items and not pairings:
        return None
    return {"items": items, "pairings": pairings}
