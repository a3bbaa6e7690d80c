"""Allocation scenarios: what-if weights, formula version and pot over a run's stored values;
compared side by side, one adopted per year with a reason, then frozen and replayable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core.access import is_office
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.workflow import apply_transition
from hicoop.engine.allocation import AllocationError, allocate
from hicoop.engine.evaluation_scoring import FormulaError, score_localities
from hicoop.evaluation import adapter
from hicoop.evaluation.choices import ScenarioStatus
from hicoop.evaluation.models import AllocationScenario, EvaluationRun, FormulaVersion
from hicoop.evaluation.services.runs import formula_in_force

MAX_POT = Decimal("100000000")  # 万元


def _scores(run: EvaluationRun, scoring: Mapping[str, Any]) -> dict[str, str]:
    try:
        result = score_localities(
            adapter.scoring_formula(scoring),
            adapter.localities(run.snapshot),
            adapter.observations(run.snapshot),
        )
    except FormulaError as exc:
        raise ValidationFailed(str(exc), details={"weights": [str(exc)]}) from exc
    return {s.locality: format(s.score, "f") for s in result}


def compute_shares(
    *, allocation: Mapping[str, Any], pot_wan: Decimal, scores: Mapping[str, str]
) -> dict[str, int]:
    """Shares in fen from stored inputs (the adopt and the replay path)."""
    try:
        result = allocate(
            adapter.allocation_formula(allocation),
            pot_wan,
            {k: Decimal(v) for k, v in scores.items()},
        )
    except AllocationError as exc:
        raise ValidationFailed(str(exc), details={"allocation": [str(exc)]}) from exc
    return {k: v for k, v in sorted(result.by_locality().items())}


def _scoring_parameters(
    run: EvaluationRun, scoring: FormulaVersion | None, weights: Mapping[str, Decimal] | None
) -> dict[str, Any]:
    base = adapter.scoring_formula(scoring.parameters if scoring else run.snapshot["formula"])
    if weights:
        unknown = set(weights) - {i.code for i in base.indicators}
        if unknown:
            raise ValidationFailed(details={"weights": [", ".join(sorted(unknown))]})
        base = adapter.with_weights(base, weights)
    return base.as_dict()


@transaction.atomic
def create_scenario(
    *,
    run: EvaluationRun,
    name: str,
    pot_wan: Decimal,
    actor: Any,
    weights: Mapping[str, Decimal] | None = None,
    scoring: FormulaVersion | None = None,
    allocation: FormulaVersion | None = None,
    is_demo: bool = False,
) -> AllocationScenario:
    """A scenario: scores again under other weights or formula, then split ``pot_wan``."""
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office prepares allocations."))
    if not (0 <= pot_wan <= MAX_POT) or pot_wan != pot_wan.quantize(Decimal("0.000001")):
        raise ValidationFailed(
            details={"pot_wan": [_("A pot between 0 and 100,000,000 (10k yuan), to the fen.")]}
        )
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise ValidationFailed(details={"name": [_("Between 1 and 100 characters.")]})
    alloc = allocation or formula_in_force(year=run.year, kind=FormulaVersion.ALLOCATION)
    scoring_params = _scoring_parameters(run, scoring, weights)
    scores = _scores(run, scoring_params)
    shares = compute_shares(allocation=alloc.parameters, pot_wan=pot_wan, scores=scores)
    return AllocationScenario.objects.create(
        run=run,
        name=name,
        year=run.year,
        pot_wan=pot_wan,
        scoring=scoring_params,
        allocation=alloc.parameters,
        scores=scores,
        shares={k: v for k, v in shares.items()},
        is_demo=is_demo,
    )


@transaction.atomic
def adopt(*, scenario: AllocationScenario, actor: Any, reason: str) -> AllocationScenario:
    """Adopt one scenario for its year (frozen from then on)."""
    other = AllocationScenario.objects.filter(
        year=scenario.year, status=ScenarioStatus.ADOPTED
    ).exclude(pk=scenario.pk)
    if other.exists():
        raise Conflict(_("Another allocation is already adopted for this year."))
    if sum(scenario.shares.values()) != int(scenario.pot_wan * 1_000_000):
        raise Conflict(_("The shares do not sum to the pot."))
    apply_transition(scenario, "adopt", actor=actor, reason=reason, may=lambda t: is_office(actor))
    return scenario


def replay(*, scenario: AllocationScenario) -> dict[str, int]:
    """The shares computed again from the scenario's stored inputs."""
    scores = _scores(scenario.run, scenario.scoring)
    return compute_shares(allocation=scenario.allocation, pot_wan=scenario.pot_wan, scores=scores)


@dataclass(frozen=True)
class Difference:
    locality: str
    left_fen: int
    right_fen: int
    left_score: str
    right_score: str

    @property
    def delta_fen(self) -> int:
        return self.right_fen - self.left_fen


def compare(left: AllocationScenario, right: AllocationScenario) -> list[Difference]:
    """Per locality: both shares, both scores and the difference (right − left)."""
    codes = sorted(set(left.shares) | set(right.shares), key=int)
    return [
        Difference(
            c,
            int(left.shares.get(c, 0)),
            int(right.shares.get(c, 0)),
            left.scores.get(c, ""),
            right.scores.get(c, ""),
        )
        for c in codes
    ]
