"""Reads of the talent app, each starting from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from hicoop.core.exceptions import NotFound
from hicoop.engine import worklist
from hicoop.talent.choices import ListStatus
from hicoop.talent.models import ListEntry, ListVersion, Permit, PointsTable, PreCheck
from hicoop.talent.rules import rules_of

MAX_QUERY = 200


def in_force(on: dt.date) -> ListVersion | None:
    """The version in force on ``on`` (published, or published then superseded), by its dates."""
    return (
        ListVersion.objects.filter(
            status__in=(ListStatus.PUBLISHED, ListStatus.SUPERSEDED), effective_from__lte=on
        )
        .exclude(effective_to__lte=on)
        .order_by("-effective_from", "-pk")
        .first()
    )


def points_table(on: dt.date) -> PointsTable | None:
    return (
        PointsTable.objects.filter(effective_from__lte=on)
        .order_by("-effective_from", "-pk")
        .first()
    )


def versions(*, user: Any) -> QuerySet[ListVersion]:
    found = ListVersion.objects.visible_to(user).annotate(n=Count("entries"))
    return found.order_by("-effective_from", "-pk")


def version_detail(*, user: Any, pk: int) -> ListVersion:
    found = ListVersion.objects.visible_to(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def entries(version: ListVersion) -> QuerySet[ListEntry]:
    return version.entries.select_related("industry", "industry__parent", "policy")


def previous_version(*, user: Any, version: ListVersion) -> ListVersion | None:
    return (
        ListVersion.objects.visible_to(user)
        .filter(status__in=(ListStatus.PUBLISHED, ListStatus.SUPERSEDED))
        .filter(effective_from__lt=version.effective_from)
        .exclude(pk=version.pk)
        .order_by("-effective_from", "-pk")
        .first()
    )


def diff(old: ListVersion | None, new: ListVersion) -> list[worklist.Change]:
    return worklist.diff(rules_of(old) if old else [], rules_of(new))


def prechecks(*, user: Any, q: str = "") -> QuerySet[PreCheck]:
    found = PreCheck.objects.visible_to(user).select_related("industry", "employer", "version")
    if q:
        found = found.filter(
            Q(position_title__icontains=q[:MAX_QUERY])
            | Q(industry__code__istartswith=q[:MAX_QUERY])
            | Q(employer_uscc__iexact=q[:MAX_QUERY])
        )
    return found


def precheck_counts(*, user: Any) -> list[dict[str, Any]]:
    """Pre-checks by industry: how many, how many hit the list (prohibited or restricted)."""
    rows = (
        PreCheck.objects.visible_to(user)
        .values("industry__code", "industry__name", "industry__name_en")
        .annotate(
            total=Count("pk"),
            hits=Count("pk", filter=~Q(decision="not_listed")),
            prohibited=Count("pk", filter=Q(decision="prohibited")),
        )
        .order_by("-hits", "industry__code")
    )
    return [dict(r) for r in rows]


@dataclass(frozen=True)
class PermitFilters:
    q: str = ""
    employer_uscc: str = ""
    industry: str = ""
    status: str = ""


def permits(*, user: Any, filters: PermitFilters | None = None) -> QuerySet[Permit]:
    f = filters or PermitFilters()
    found = Permit.objects.visible_to(user).select_related("industry", "employer")
    if f.q:
        q = f.q[:MAX_QUERY]
        found = found.filter(
            Q(number__iexact=q) | Q(employer_name__icontains=q) | Q(position_title__icontains=q)
        )
    if f.employer_uscc:
        found = found.filter(employer_uscc=f.employer_uscc.upper())
    if f.industry:
        found = found.filter(industry__code__startswith=f.industry)
    if f.status:
        found = found.filter(status=f.status)
    return found


def permit_detail(*, user: Any, pk: int) -> Permit:
    found = (
        Permit.objects.visible_to(user).select_related("industry", "employer").filter(pk=pk).first()
    )
    if found is None:
        raise NotFound()
    return found
