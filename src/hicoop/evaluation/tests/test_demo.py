"""The issue's Done-means, end to end on the demo year: the office runs the evaluation job,
data sets approved and locked, scores published with explanations that add up, two scenarios
compared and one adopted whose shares sum to the pot, replayed to the fen; a commendation list
published; a data set breaking a high-importance rule cannot be submitted; a locked one cannot
change without an unlock reason."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from hicoop.cooperation.demo import ensure_demo_cooperation
from hicoop.core.actors import DEMO
from hicoop.core.exceptions import Conflict, ValidationFailed
from hicoop.core.testing import user
from hicoop.evaluation import demo, selectors
from hicoop.evaluation.choices import DataSetStatus, ListStatus
from hicoop.evaluation.models import AllocationScenario, DataSet, EvaluationRun
from hicoop.evaluation.services import datasets, runs, scenarios
from hicoop.listings.demo import ensure_demo_listings
from hicoop.parties.mechanism import mechanism_key

pytestmark = pytest.mark.django_db


def test_demo_year_end_to_end() -> None:
    ensure_demo_listings()
    ensure_demo_cooperation()
    demo_year = demo.ensure_demo(actor=DEMO)
    office = user("office")
    assert demo_year["evaluation runs"] == 1 and demo_year["allocation scenarios"] == 2
    # given the published run, every explanation adds up
    run = EvaluationRun.objects.get(year=demo.YEAR, is_demo=True)
    assert run.status == "published" and run.snapshot["datasets"]
    for score in run.scores.all():
        total = sum(Decimal(t["contribution"]) for t in score.terms)
        assert score.score == total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert score.explanation.startswith(f"{score.score} = ")
    assert runs.replay_run(run=run)
    # two scenarios compared, the adopted one sums to the pot and replays to the fen
    first, second = AllocationScenario.objects.filter(year=demo.YEAR).order_by("pk")
    assert any(d.delta_fen for d in scenarios.compare(first, second))
    adopted = selectors.adopted_scenario(user=office, year=demo.YEAR)
    assert adopted == first
    assert sum(adopted.shares.values()) == int(demo.POT * 1_000_000)
    assert scenarios.replay(scenario=adopted) == adopted.shares
    # commendations published
    assert selectors.commendations(user=office, year=demo.YEAR).status == ListStatus.PUBLISHED
    assert selectors.commendation_list(user=user("shanghai"), year=demo.YEAR)
    # a second run adds nothing
    assert set(demo.ensure_demo(actor=DEMO).values()) == {0}


def test_high_importance_failure_blocks_submission(demo_year: dict[str, int]) -> None:
    broken = DataSet.objects.get(party__external_id=mechanism_key(demo.BROKEN), year=demo.YEAR)
    assert broken.status == DataSetStatus.DRAFT
    with pytest.raises(ValidationFailed):
        datasets.submit(dataset=broken, actor=user("office"), on=dt.date(2026, 12, 1))


def test_locked_data_set_needs_an_unlock_reason(demo_year: dict[str, int]) -> None:
    office = user("office")
    locked = DataSet.objects.filter(status=DataSetStatus.LOCKED).first()
    changed = {**locked.values, "activities_held": "9"}
    with pytest.raises(Conflict):
        datasets.save_values(dataset=locked, values=changed, actor=office)
    with pytest.raises(ValidationFailed):
        datasets.decide(dataset=locked, action="unlock", actor=office)
    datasets.decide(dataset=locked, action="unlock", actor=office, reason="补报活动")
    saved, failures = datasets.save_values(dataset=locked, values=changed, actor=office)
    assert saved.values["activities_held"] == "9" and not failures
