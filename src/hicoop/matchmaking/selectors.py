"""Reads of match runs, candidates and expressions of interest, scoped by role."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from hicoop.accounts import roles
from hicoop.core import scope
from hicoop.core.exceptions import NotFound
from hicoop.listings.models import Demand
from hicoop.matchmaking.choices import InterestStatus
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


def interest_list(*, user: Any, box: str = "", status: str = "") -> QuerySet[Interest]:
    """``received``: to partners in the user's scope; ``sent``: on the user's demands; else all visible."""
    qs = Interest.objects.visible_to(user).select_related(
        "demand", "demand__owner", "partner", "item"
    )
    if box in {"received", "sent"} and not roles.is_joint_office_admin(user):
        own = Party.objects.worked_on_by(user).values("pk")
        qs = qs.filter(partner__in=own) if box == "received" else qs.filter(demand__owner__in=own)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-sent_at", "-pk")


def interest_detail(*, user: Any, pk: int) -> Interest:
    interest = interest_list(user=user).filter(pk=pk).first()
    if interest is None:
        raise NotFound()
    return interest


def can_answer(*, user: Any, interest: Interest) -> bool:
    return interest.status == InterestStatus.SENT and scope.can_edit(interest.partner, user)


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
