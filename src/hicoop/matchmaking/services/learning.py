"""Ranking weights learned from answered expressions of interest (``hicoop.engine.learning``).

Every accepted interest is a positive pair and every declined one a negative, with the feature
values its run stored for that partner; a decline for the *terms* says nothing about the fit
and is left out. Once ``engine.learning.MIN_PAIRS`` pairs exist (with ``MIN_EACH`` of each
outcome) a refit job runs after every ``REFIT_EVERY`` new answers; each fit is a new numbered
``WeightSet``, always fitted around the shipped weights from all pairs, and new runs use the
newest and record its version.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction

from hicoop.core.actors import Actor
from hicoop.core.jobs import enqueue
from hicoop.engine import RankingWeights
from hicoop.engine.learning import TrainingPair, fit_weights, ready
from hicoop.matchmaking.choices import DeclineReason, InterestStatus
from hicoop.matchmaking.models import Interest, WeightSet

REFIT_EVERY = 10
REFIT_KIND = "matchmaking.refit"
SHIPPED = "shipped"


def training_pairs() -> list[TrainingPair]:
    """Answered interests that came from a run, as (features, accepted) pairs."""
    rows = (
        Interest.objects.filter(
            status__in=[InterestStatus.ACCEPTED, InterestStatus.DECLINED],
            candidate__isnull=False,
        )
        .exclude(decline_reason=DeclineReason.TERMS)
        .order_by("pk")
        .values_list("status", "candidate__reasons")
    )
    pairs = []
    for status, reasons in rows:
        features = (reasons or {}).get("features")
        if isinstance(features, dict) and features:
            values = tuple((str(k), float(v)) for k, v in sorted(features.items()))
            pairs.append(TrainingPair(values, status == InterestStatus.ACCEPTED))
    return pairs


def current_weights() -> tuple[RankingWeights, str]:
    """The newest learned weights and their version, or the shipped ones."""
    latest = WeightSet.objects.order_by("-version").first()
    if latest is None:
        return RankingWeights(), SHIPPED
    known = {k: v for k, v in latest.weights.items() if k in asdict(RankingWeights())}
    return RankingWeights(**known), f"learned-v{latest.version}"


@transaction.atomic
def refit_weights(*, actor: Actor) -> WeightSet | None:
    """Fit a new weight set from all answers (None while there are too few)."""
    pairs = training_pairs()
    fitted = fit_weights(pairs, RankingWeights())
    if fitted is None:
        return None
    last = WeightSet.objects.select_for_update().order_by("-version").first()
    return WeightSet.objects.create(
        version=(last.version if last else 0) + 1,
        weights=asdict(fitted.weights),
        method=fitted.method,
        pairs=fitted.pairs,
        accepted=fitted.accepted,
        declined=fitted.declined,
        log_loss_before=round(fitted.log_loss_before, 6),
        log_loss_after=round(fitted.log_loss_after, 6),
    )


def refit_due() -> bool:
    """Enough answers, and ``REFIT_EVERY`` new ones since the last fit."""
    pairs = training_pairs()
    if not ready(pairs):
        return False
    last = WeightSet.objects.order_by("-version").values_list("pairs", flat=True).first()
    return last is None or len(pairs) - last >= REFIT_EVERY


def request_refit(*, actor: Actor) -> Any:
    """Ask the job queue for a refit when one is due."""

    return enqueue(kind=REFIT_KIND, params={}, actor=actor) if refit_due() else None
