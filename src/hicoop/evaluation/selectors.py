"""Reads of the evaluation domain, scoped where they start.

Figures other apps (the reports helper) may reuse — each takes the reading user and returns
plain rows:

- :func:`published_scores` ``(*, user, year)`` → list of :class:`ScoreRow` of the latest
  published run (rank, locality, score, explanation); empty when nothing is published.
- :func:`adopted_allocation` ``(*, user, year)`` → list of :class:`ShareRow` (locality, score,
  share in fen and in 万元) of the adopted scenario; empty when none is adopted.
- :func:`commendation_list` ``(*, user, year)`` → list of :class:`CommendationRow` of the
  published list (approved entries only); the office also sees a draft list's approved entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from hicoop.core.exceptions import NotFound
from hicoop.evaluation.choices import Light, ListStatus, RunStatus, ScenarioStatus
from hicoop.evaluation.models import (
    AllocationScenario,
    CommendationList,
    DataSet,
    EvaluationRun,
    Indicator,
    IndicatorValue,
    LegendSet,
    Score,
    reads_all,
)
from hicoop.parties.models import Party

FEN_PER_WAN = 1_000_000


@dataclass(frozen=True)
class ScoreRow:
    rank: int
    locality_id: int
    locality: str
    score: Decimal
    explanation: str


@dataclass(frozen=True)
class ShareRow:
    locality_id: int
    locality: str
    score: str
    fen: int

    @property
    def wan(self) -> Decimal:
        return Decimal(self.fen) / FEN_PER_WAN


@dataclass(frozen=True)
class CommendationRow:
    party: str
    rule: str
    citation: str


def runs(*, user: Any, year: int | None = None) -> QuerySet[EvaluationRun]:
    found = EvaluationRun.objects.visible_to(user).select_related("formula")
    return found.filter(year=year) if year else found


def run_detail(*, user: Any, pk: int) -> EvaluationRun:
    found = runs(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def current_run(*, user: Any, year: int) -> EvaluationRun | None:
    """The run a reader sees for a year: the latest published (the office: the latest, drafts
    included, so it reviews a run before publishing it)."""
    found = runs(user=user, year=year)
    if not reads_all(user):
        found = found.filter(status=RunStatus.PUBLISHED)
    return found.order_by("-created_at", "-pk").first()


def scores_of(*, run: EvaluationRun) -> QuerySet[Score]:
    return run.scores.select_related("locality").order_by("rank", "pk")


def published_scores(*, user: Any, year: int) -> list[ScoreRow]:
    run = (
        runs(user=user, year=year)
        .filter(status=RunStatus.PUBLISHED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if run is None:
        return []
    return [
        ScoreRow(s.rank, s.locality_id, s.locality.name, s.score, s.explanation)
        for s in scores_of(run=run)
    ]


def may_see_scorecard(*, user: Any, locality: Party) -> bool:
    """The office sees every scorecard; a coordinator those of the localities in its scope."""
    if reads_all(user):
        return True
    return Party.objects.worked_on_by(user).filter(pk=locality.pk).exists()


def scorecard(*, user: Any, run: EvaluationRun, locality_id: int) -> tuple[Score, list[Any]]:
    """A locality's score and its indicator values with traffic lights."""
    score = run.scores.select_related("locality").filter(locality_id=locality_id).first()
    if score is None or not may_see_scorecard(user=user, locality=score.locality):
        raise NotFound()
    values = {
        v.indicator.code: v
        for v in IndicatorValue.objects.filter(run=run, locality_id=locality_id).select_related(
            "indicator", "indicator__legend"
        )
    }
    lines = []
    for term in score.terms:
        value = values.get(term["indicator"])
        if value is None:
            continue
        lines.append(
            {"term": term, "value": value, "light": light(value.indicator, term["normalised"])}
        )
    return score, lines


def light(indicator: Indicator, normalised: str | None) -> str:
    legend = indicator.legend or LegendSet(achieved_from=Decimal(90), progressing_from=Decimal(60))
    n = Decimal(normalised or "0")
    if n >= legend.achieved_from:
        return Light.ACHIEVED
    if n >= legend.progressing_from:
        return Light.PROGRESSING
    return Light.PROBLEM


def scenarios(*, user: Any, year: int) -> QuerySet[AllocationScenario]:
    return AllocationScenario.objects.visible_to(user).filter(year=year).order_by("pk")


def adopted_scenario(*, user: Any, year: int) -> AllocationScenario | None:
    return scenarios(user=user, year=year).filter(status=ScenarioStatus.ADOPTED).first()


def adopted_allocation(*, user: Any, year: int) -> list[ShareRow]:
    scenario = adopted_scenario(user=user, year=year)
    if scenario is None:
        return []
    names = dict(
        Party.objects.filter(pk__in=[int(k) for k in scenario.shares]).values_list("pk", "name")
    )
    return [
        ShareRow(int(k), names.get(int(k), ""), scenario.scores.get(k, ""), int(v))
        for k, v in sorted(scenario.shares.items(), key=lambda kv: int(kv[0]))
    ]


def datasets(*, user: Any, year: int | None = None) -> QuerySet[DataSet]:
    found = DataSet.objects.visible_to(user).select_related("party")
    return found.filter(year=year) if year else found


def dataset_detail(*, user: Any, pk: int) -> DataSet:
    found = datasets(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def commendations(*, user: Any, year: int) -> CommendationList | None:
    return CommendationList.objects.visible_to(user).filter(year=year).first()


def commendation_list(*, user: Any, year: int) -> list[CommendationRow]:
    found = commendations(user=user, year=year)
    if found is None or (found.status != ListStatus.PUBLISHED and not reads_all(user)):
        return []
    entries = found.entries.filter(approved=True).select_related("party", "rule")
    return [
        CommendationRow(e.party.name, e.rule.display_name, e.citation or e.basis)
        for e in entries.order_by("rule__code", "party__path", "pk")
    ]
