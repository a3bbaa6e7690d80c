"""Reads of match runs, candidates and expressions of interest, scoped by role."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from hicoop.accounts import roles
from hicoop.core import scope
from hicoop.core.exceptions import NotFound
from hicoop.listings.models import Demand
from hicoop.matchmaking import adapter
from hicoop.matchmaking.choices import InterestDirection, InterestStatus
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.parties.models import Party


def run_list(*, user: Any, demand: int | None = None, mode: str = "") -> QuerySet[MatchRun]:
    qs = MatchRun.objects.visible_to(user).select_related("demand", "created_by")
    if demand:
        qs = qs.filter(demand_id=demand)
    if mode:
        qs = qs.filter(mode=mode)
    return qs.annotate(n_candidates=Count("candidates")).order_by("-created_at", "-pk")


def run_detail(*, user: Any, pk: int) -> MatchRun:
    run = (
        MatchRun.objects.visible_to(user)
        .select_related("demand", "demand__owner")
        .filter(pk=pk)
        .first()
    )
    if run is None:
        raise NotFound()
    return run


def candidates_of(run: MatchRun) -> QuerySet[MatchCandidate]:
    return run.candidates.select_related("partner", "demand").order_by(
        "demand_id", "-selected", "rank", "pk"
    )


def candidate_detail(*, user: Any, pk: int) -> MatchCandidate:
    candidate = (
        MatchCandidate.objects.filter(pk=pk, run__in=MatchRun.objects.visible_to(user))
        .select_related("run", "demand", "partner")
        .first()
    )
    if candidate is None:
        raise NotFound()
    return candidate


def _received_by(parties: Any) -> Q:
    """Interests sent to these parties: by a demand owner to them as partner, or by a partner
    to them as the demand's owner."""
    return Q(direction=InterestDirection.FROM_OWNER, partner__in=parties) | Q(
        direction=InterestDirection.FROM_PARTNER, demand__owner__in=parties
    )


def _sent_by(parties: Any) -> Q:
    return Q(direction=InterestDirection.FROM_OWNER, demand__owner__in=parties) | Q(
        direction=InterestDirection.FROM_PARTNER, partner__in=parties
    )


def interest_list(*, user: Any, box: str = "", status: str = "") -> QuerySet[Interest]:
    """``received``: sent to a party in the user's scope; ``sent``: sent by one; else all visible."""
    qs = Interest.objects.visible_to(user).select_related(
        "demand", "demand__owner", "partner", "item"
    )
    if box in {"received", "sent"} and not roles.is_joint_office_admin(user):
        own = Party.objects.worked_on_by(user).values("pk")
        qs = qs.filter(_received_by(own) if box == "received" else _sent_by(own))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-sent_at", "-pk")


def interest_detail(*, user: Any, pk: int) -> Interest:
    interest = interest_list(user=user).filter(pk=pk).first()
    if interest is None:
        raise NotFound()
    return interest


def mark_actions(*, user: Any, interests: list[Interest]) -> None:
    """Set ``can_answer`` and ``can_withdraw`` on each interest of a page in one query: a side
    may act when its party (the partner, or the demand's owner) is one the user may edit."""
    sides = {
        i.pk: (i.demand.owner_id, i.partner_id)
        if i.direction == InterestDirection.FROM_PARTNER
        else (i.partner_id, i.demand.owner_id)
        for i in interests
    }
    wanted = {pk for pair in sides.values() for pk in pair}
    editable = set(
        Party.objects.editable_by(user).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    for i in interests:
        answerer, sender = sides[i.pk]
        pending = i.status == InterestStatus.SENT
        i.can_answer = pending and answerer in editable  # type: ignore[attr-defined]
        i.can_withdraw = pending and sender in editable  # type: ignore[attr-defined]


def partner_parties(*, user: Any, demand: Demand) -> list[Party]:
    """The user's parties that may express interest in ``demand`` as a partner: active ones they
    may edit, outside Hainan, other than the demand's owner."""
    if not getattr(user, "is_authenticated", False):
        return []
    hainan = {int(pk) for pk in adapter.hainan_owner_ids()}
    qs = Party.objects.editable_by(user).filter(is_active=True).exclude(pk=demand.owner_id)
    return [p for p in qs.exclude(pk__in=hainan).order_by("path", "pk")[:50]]


def can_run(*, user: Any, demand: Demand) -> bool:
    return scope.can_edit(demand, user)


def open_interests(demand: Demand) -> dict[int, Interest]:
    """Open or accepted interests of a demand, by partner."""
    rows = Interest.objects.filter(
        demand=demand, status__in=[InterestStatus.SENT, InterestStatus.ACCEPTED]
    )
    return {i.partner_id: i for i in rows}


def feedback(*, user: Any) -> list[dict[str, Any]]:
    """Answered interests as feedback rows (what the engine learns from)."""
    rows = (
        interest_list(user=user)
        .exclude(status=InterestStatus.SENT)
        .exclude(status=InterestStatus.WITHDRAWN)
    )
    return [
        {
            "demand": i.demand_id,
            "partner": i.partner_id,
            "outcome": i.status,
            "reason": i.decline_reason,
            "run": i.run_id,
            "at": i.answered_at,
        }
        for i in rows
    ]
