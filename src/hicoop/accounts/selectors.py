"""Reads about accounts: who works for a party (the people told about its records)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from hicoop.accounts.choices import SUBTREE_WRITE_ROLES, Role
from hicoop.parties.models import Party


def members_of(parties: Iterable[Party]) -> QuerySet[Any]:
    """Active users of the parties themselves, plus the managers above them (a park's manager,
    a region's coordinator) when a party has no member of its own."""
    parties = [p for p in parties if p is not None]
    direct = Q(memberships__party__in=[p.pk for p in parties])
    orphans = [p for p in parties if not p.memberships.exists()]
    above: set[int] = set()
    for party in orphans:
        above.update(a.pk for a in party.ancestors())
    managers = Q(memberships__party__in=above, memberships__role__in=SUBTREE_WRITE_ROLES)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(direct | managers)
        .distinct()
        .order_by("username")
    )


def joint_office() -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__role=Role.JOINT_OFFICE_ADMIN)
        .distinct()
    )
