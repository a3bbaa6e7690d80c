"""Reads of reports, the scopes a user may report on, and the public progress figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from hicoop.accounts import roles
from hicoop.cooperation import selectors as coop
from hicoop.core.exceptions import NotFound
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.reports.models import Report


def report_list(*, user: Any) -> QuerySet[Report]:
    return Report.objects.visible_to(user).select_related("scope_party")


def report_detail(*, user: Any, pk: int) -> Report:
    found = report_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def scopes_for(*, user: Any) -> list[Party]:
    """Regions and parks ``user`` may report on (every one for global readers)."""
    kinds = (PartyKind.REGION, PartyKind.PARK)
    found = Party.objects.filter(kind__in=kinds, is_active=True)
    if not roles.reads_everything(user):
        condition = Q(pk__in=[])
        for path in roles.subtree_paths(user):
            condition |= Q(path__startswith=path)
        found = found.filter(condition)
    return list(found.order_by("path", "pk"))


def may_report_mechanism(*, user: Any) -> bool:
    return roles.reads_everything(user)


class _PublicReader:
    """Reads every record to compute aggregates for the public page (never shown row by row)."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


@dataclass(frozen=True)
class PublicProgress:
    total: int
    overall: float
    by_measure: list[coop.Bucket]
    by_region: list[coop.Bucket]
    edition: Any
    entries: list[Any]
    league: Any
    commendations: Any


def public_progress(*, on: dt.date) -> PublicProgress:
    """Aggregates only: counted items by measure and region, the published edition, and the
    published league table and commendations once the evaluation app offers them."""
    from hicoop.policies.models import Edition
    from hicoop.policies.selectors import edition_entries

    d = coop.dashboard(user=_PublicReader(), on=on)
    counted = sum(b.count for b in d.by_measure)
    edition = Edition.objects.visible_to(AnonymousUser()).order_by("-year", "pk").first()
    league, commendations = _published_evaluation(on)
    return PublicProgress(
        total=counted,
        overall=d.overall,
        by_measure=d.by_measure,
        by_region=d.by_region,
        edition=edition,
        entries=list(edition_entries(edition)) if edition else [],
        league=league,
        commendations=commendations,
    )


def _published_evaluation(on: dt.date) -> tuple[list[Any], list[Any]]:
    """The latest published league table and commendation list (published ones only)."""
    try:
        from hicoop.evaluation import selectors as evaluation
        from hicoop.evaluation.choices import ListStatus
    except ImportError:
        return [], []
    reader = _PublicReader()
    league: list[Any] = []
    commended: list[Any] = []
    for year in range(on.year, 2019, -1):
        league = league or evaluation.published_scores(user=reader, year=year)
        found = evaluation.commendations(user=reader, year=year)
        if not commended and found is not None and found.status == ListStatus.PUBLISHED:
            commended = evaluation.commendation_list(user=reader, year=year)
        if league and commended:
            break
    return league, commended
