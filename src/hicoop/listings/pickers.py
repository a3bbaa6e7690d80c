"""The listings' picker source: the parties a user may record a demand, capability or
achievement for (an achievement's owner is a unit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from hicoop.core.pickers import register
from hicoop.listings.choices import ListingKind
from hicoop.listings.selectors import owner_choices
from hicoop.parties.models import Party
from hicoop.parties.pickers import source


def _owners(user: Any, params: Mapping[str, str]) -> QuerySet[Party]:
    kind = params.get("kind", "")
    if kind not in ListingKind.values:
        return Party.objects.none()
    return owner_choices(user=user, kind=kind).select_related("parent")


def register_sources() -> None:
    register("owners", source(_owners))
