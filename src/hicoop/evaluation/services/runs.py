"""Evaluation runs: measure every locality's indicators, store the snapshot, score, publish."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.core.access import is_office
from hicoop.core.actors import stored_name
from hicoop.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from hicoop.core.jobs import enqueue
from hicoop.core.models import Job
from hicoop.core.workflow import apply_transition
from hicoop.engine.evaluation_scoring import FormulaError, LocalityScore, score_localities
from hicoop.evaluation import adapter, sources
from hicoop.evaluation.choices import DataSetStatus, Period, Source
from hicoop.evaluation.models import (
    DataSet,
    EvaluationRun,
    FormulaVersion,
    Indicator,
    IndicatorValue,
    Score,
    Target,
)
from hicoop.parties.models import Party

RUN_KIND = "evaluation.run"
Step = Callable[[int, int, str], None]


def formula_in_force(*, year: int, kind: str = FormulaVersion.SCORING) -> FormulaVersion:
    """The formula version in force at the end of ``year``."""
    found = (
        FormulaVersion.objects.filter(kind=kind, effective_from__lte=dt.date(year, 12, 31))
        .order_by("-effective_from", "-pk")
        .first()
    )
    if found is None:
        raise NotFound(_("No formula is in force for %(year)d.") % {"year": year})
    return found


def evaluated_localities(*, year: int) -> list[Party]:
    """The localities with targets for the year (the targets say who is evaluated)."""
    ids = Target.objects.filter(year=year).values("locality")
    return list(Party.objects.filter(pk__in=ids).order_by("path", "pk"))


def _value_of(indicator: Indicator, measured: sources.Measured) -> Decimal | None:
    den, num = measured.denominator, measured.numerator
    if den is not None and num is not None:
        return (num / den * indicator.factor).quantize(Decimal("0.0001")) if den else None
    return measured.value


def _reported(locality: Party, year: int, period: str) -> tuple[dict[str, Any], dict[str, Any]]:
    found = DataSet.objects.filter(
        party=locality, year=year, period=period, status=DataSetStatus.LOCKED
    ).first()
    if found is None:
        return {}, {}
    ref = {"id": found.pk, "updated_at": found.updated_at.isoformat()}
    return found.values, ref


def _dataset_record(ref: dict[str, Any]) -> dict[str, str]:
    return {
        "label": _("Data set (approved and locked)"),
        "url": reverse("evaluation:dataset", args=[ref["id"]]),
    }


def measure_locality(
    locality: Party, indicators: list[Indicator], year: int, period: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Snapshot entry of one locality: each indicator's value, target, detail and records."""
    targets = {
        t.indicator.code: t.value
        for t in Target.objects.filter(locality=locality, year=year).select_related("indicator")
    }
    computed = sources.measure(
        [i.code for i in indicators if i.source == Source.COMPUTED], locality, year
    )
    reported, dataset = _reported(locality, year, period)
    values: dict[str, Any] = {}
    for ind in indicators:
        if ind.source == Source.COMPUTED:
            m = computed.get(ind.code) or sources.Measured(None)
        else:
            raw = adapter.dec(reported.get(ind.code))
            records = [_dataset_record(dataset)] if dataset and raw is not None else []
            m = sources.Measured(
                raw, detail="" if raw is None else format(raw, "f"), records=records
            )
        values[ind.code] = {
            "value": adapter.text(_value_of(ind, m)),
            "numerator": adapter.text(m.numerator),
            "denominator": adapter.text(m.denominator),
            "target": adapter.text(targets.get(ind.code)),
            "detail": m.detail,
            "records": m.records,
        }
    return {"name": locality.name, "values": values}, dataset


def build_snapshot(
    *, year: int, formula: FormulaVersion, period: str = Period.ANNUAL, step: Step | None = None
) -> dict[str, Any]:
    """Read everything the run needs (outside any transaction: this is the slow part)."""
    codes = [i["code"] for i in formula.parameters["indicators"]]
    indicators = list(Indicator.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {i.code for i in indicators})
    if unknown:
        raise ValidationFailed(
            _("The formula names unknown indicators: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    localities = evaluated_localities(year=year)
    if not localities:
        raise ValidationFailed(_("No locality has targets for %(year)d.") % {"year": year})
    entries: dict[str, Any] = {}
    datasets: list[dict[str, Any]] = []
    for n, locality in enumerate(localities):
        if step:
            step(n, len(localities), locality.name)
        entries[str(locality.pk)], ref = measure_locality(locality, indicators, year, period)
        if ref:
            datasets.append(ref)
    return {
        "year": year,
        "period": period,
        "formula": formula.parameters,
        "localities": entries,
        "datasets": datasets,
    }


def score_snapshot(snapshot: dict[str, Any]) -> tuple[LocalityScore, ...]:
    """Scores of a snapshot under the formula stored in it (the replay path too)."""
    formula = adapter.scoring_formula(snapshot["formula"])
    try:
        return score_localities(
            formula, adapter.localities(snapshot), adapter.observations(snapshot)
        )
    except FormulaError as exc:
        raise ValidationFailed(str(exc)) from exc


def _labels() -> dict[str, str]:
    return {i.code: i.name for i in Indicator.objects.all()}


@transaction.atomic
def store_run(
    *,
    year: int,
    formula: FormulaVersion,
    snapshot: dict[str, Any],
    actor: Any,
    job: Job | None = None,
    is_demo: bool = False,
) -> EvaluationRun:
    """Store a computed run: the snapshot, every value and every score with its explanation."""
    scores = score_snapshot(snapshot)
    run = EvaluationRun.objects.create(
        year=year,
        period=snapshot["period"],
        formula=formula,
        snapshot=snapshot,
        job=job,
        created_by=stored_name(actor),
        is_demo=is_demo,
    )
    indicators = {i.code: i for i in Indicator.objects.all()}
    rows = []
    for code, entry in snapshot["localities"].items():
        for ind_code, v in entry["values"].items():
            rows.append(
                IndicatorValue(
                    run=run,
                    locality_id=int(code),
                    indicator=indicators[ind_code],
                    value=adapter.dec(v["value"]),
                    numerator=adapter.dec(v["numerator"]),
                    denominator=adapter.dec(v["denominator"]),
                    target=adapter.dec(v["target"]),
                    detail=v["detail"][:100],
                    records=v["records"],
                )
            )
    IndicatorValue.objects.bulk_create(rows)
    _store_scores(run, scores)
    return run


def _store_scores(run: EvaluationRun, scores: tuple[LocalityScore, ...]) -> None:
    labels = _labels()
    ordered = sorted(scores, key=lambda s: (-s.score, int(s.locality)))
    Score.objects.bulk_create(
        Score(
            run=run,
            locality_id=int(s.locality),
            year=run.year,
            score=s.score,
            rank=rank,
            formula=run.snapshot["formula"],
            terms=adapter.terms_json(s.terms),
            explanation=s.explain(labels),
        )
        for rank, s in enumerate(ordered, start=1)
    )


def run_now(
    *,
    year: int,
    actor: Any,
    job: Job | None = None,
    progress: Any = None,
    is_demo: bool = False,
) -> EvaluationRun:
    """The job's work: read, score, store (also run directly by the demo)."""

    def step(done: int, total: int, message: str) -> None:
        if progress is not None:
            progress.update(done=done, total=total + 1, message=message)

    formula = formula_in_force(year=year)
    snapshot = build_snapshot(year=year, formula=formula, step=step)
    step(len(snapshot["localities"]), len(snapshot["localities"]), _("Scoring"))
    return store_run(
        year=year, formula=formula, snapshot=snapshot, actor=actor, job=job, is_demo=is_demo
    )


def start_run(*, year: int, actor: Any) -> Job:
    """Ask the job queue to evaluate ``year`` (the joint office or an evaluator)."""
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office runs the evaluation."))
    if not 2000 <= year <= 2100:
        raise ValidationFailed(details={"year": [_("A year between 2000 and 2100.")]})
    formula_in_force(year=year)
    return enqueue(kind=RUN_KIND, params={"year": year}, actor=actor)


@transaction.atomic
def publish_run(*, run: EvaluationRun, actor: Any) -> EvaluationRun:
    """Publish a run's scores: the league table members see is the latest published run."""
    apply_transition(run, "publish", actor=actor, may=lambda t: is_office(actor))
    return run


def replay_run(*, run: EvaluationRun) -> bool:
    """Whether scoring the stored snapshot again gives the stored scores, to the digit."""
    again = {s.locality: s.score for s in score_snapshot(run.snapshot)}
    stored = {str(s.locality_id): s.score for s in run.scores.all()}
    return again == stored
