"""Services one by one: the evaluation command (a job), data-set approvals by role, scenario
input checks and adoption, commendation decisions."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.testing import party, user
from hicoop.core.workflow import events_of
from hicoop.evaluation import demo
from hicoop.evaluation.choices import DataSetStatus
from hicoop.evaluation.models import (
    AllocationScenario,
    Commendation,
    CommendationRule,
    DataSet,
    EvaluationRun,
)
from hicoop.evaluation.services import commendations, datasets, scenarios

pytestmark = pytest.mark.django_db


class TestCommand:
    def test_run_waits_for_the_job_and_prints_the_result(self, demo_year: object) -> None:
        out = StringIO()
        call_command(
            "evaluation", "run", "--year", "2026", "--user", "office", stdout=out, stderr=StringIO()
        )
        result = json.loads(out.getvalue())
        assert result["scores"] == len(demo.LOCALITIES)
        assert EvaluationRun.objects.filter(year=2026).count() == 2

    def test_replay_of_the_adopted_allocation_is_identical(self, demo_year: object) -> None:
        out = StringIO()
        call_command("evaluation", "replay", "--year", "2026", stdout=out)
        assert json.loads(out.getvalue()) == {
            "identical": True,
            "total_fen": int(demo.POT * 1_000_000),
        }

    def test_bad_year_and_coordinator_are_refused_clearly(self, demo_year: object) -> None:
        with pytest.raises(CommandError, match="2000"):
            call_command("evaluation", "scores", "--year", "1800")
        with pytest.raises(CommandError, match=r"联合办公室|joint office"):
            call_command("evaluation", "run", "--year", "2026", "--user", "shanghai")


class TestDataSetApprovals:
    def _draft(self) -> DataSet:
        ds = datasets.create_dataset(
            party=party("hunan"),
            year=2027,
            period="annual",
            due_on=dt.date(2027, 12, 15),
            actor=user("office"),
        )
        datasets.save_values(
            dataset=ds, values={"funds_invested": "100", "funds_local": "50"}, actor=user("hunan")
        )
        return ds

    def test_coordinator_approves_office_locks(self) -> None:
        ds = self._draft()
        datasets.submit(dataset=ds, actor=user("hunan"), on=dt.date(2027, 12, 1))
        with pytest.raises(PermissionDenied):
            datasets.decide(dataset=ds, action="approve", actor=user("shanghai"))
        datasets.decide(dataset=ds, action="approve", actor=user("hunan"))
        with pytest.raises(PermissionDenied):
            datasets.decide(dataset=ds, action="lock", actor=user("hunan"))
        datasets.decide(dataset=ds, action="lock", actor=user("office"))
        assert ds.status == DataSetStatus.LOCKED
        assert datasets.completeness(ds).on_time is True
        assert [e.action for e in events_of(ds)] == ["lock", "approve", "submit"]

    def test_other_region_cannot_fill_in(self) -> None:
        ds = self._draft()
        with pytest.raises(PermissionDenied):
            datasets.save_values(dataset=ds, values={}, actor=user("shanghai"))

    @pytest.mark.parametrize(
        "values", [{"funds_invested": "-1"}, {"funds_invested": "abc"}, {"nope": "1"}]
    )
    def test_bad_values_name_the_indicator(self, values: dict[str, str]) -> None:
        ds = self._draft()
        with pytest.raises(ValidationFailed) as caught:
            datasets.save_values(dataset=ds, values=values, actor=user("office"))
        assert set(caught.value.details) == set(values)

    def test_unlock_is_audited_with_its_reason(self) -> None:
        ds = self._draft()
        datasets.submit(dataset=ds, actor=user("office"), on=dt.date(2027, 12, 20))
        datasets.decide(dataset=ds, action="approve", actor=user("office"))
        datasets.decide(dataset=ds, action="lock", actor=user("office"))
        assert datasets.completeness(ds).on_time is False
        datasets.decide(dataset=ds, action="unlock", actor=user("office"), reason="更正数据")
        assert events_of(ds).first().reason == "更正数据"


class TestScenarios:
    def test_weights_that_do_not_sum_to_one_are_refused(self, demo_year: object) -> None:
        run = EvaluationRun.objects.get(year=2026, is_demo=True)
        with pytest.raises(ValidationFailed):
            scenarios.create_scenario(
                run=run,
                name="x",
                pot_wan=Decimal(10),
                actor=user("office"),
                weights={"items_completed": Decimal("0.9")},
            )

    @pytest.mark.parametrize("pot", [Decimal(-1), Decimal("0.0000001"), Decimal("1e9")])
    def test_bad_pots_are_refused(self, demo_year: object, pot: Decimal) -> None:
        run = EvaluationRun.objects.get(year=2026, is_demo=True)
        with pytest.raises(ValidationFailed):
            scenarios.create_scenario(run=run, name="x", pot_wan=pot, actor=user("office"))

    def test_a_second_adoption_is_refused(self, demo_year: object) -> None:
        draft = AllocationScenario.objects.get(year=2026, status="draft")
        with pytest.raises(Conflict):
            scenarios.adopt(scenario=draft, actor=user("office"), reason="改用")

    def test_coordinator_may_not_prepare(self, demo_year: object) -> None:
        run = EvaluationRun.objects.get(year=2026, is_demo=True)
        with pytest.raises(PermissionDenied):
            scenarios.create_scenario(run=run, name="x", pot_wan=Decimal(1), actor=user("hunan"))


class TestCommendations:
    def test_dropping_a_candidate_needs_a_reason_and_published_list_is_frozen(
        self, demo_year: object
    ) -> None:
        entry = Commendation.objects.filter(list__year=2026).first()
        with pytest.raises(Conflict):
            commendations.decide_entry(
                entry=entry, approved=False, actor=user("office"), reason="x"
            )

    def test_credit_rule_finds_nobody_without_credit_data(self, demo_year: object) -> None:
        rule = CommendationRule.objects.get(kind="credit_grade")
        assert not commendations.has_credit_data()
        assert commendations.credit_grade(rule, 2026) == []
        assert commendations.rule_note(rule)
        assert Commendation.objects.filter(rule__kind="top_scores").count() == 3

    def test_credit_rule_reads_grades(self) -> None:
        from hicoop.credit.models import Subject

        rule = CommendationRule.objects.get(kind="credit_grade")
        good = Subject.objects.create(
            kind="employer", identifier="1", name="甲", party=party("haikou-hitech"), grade="B"
        )
        bad = Subject.objects.create(
            kind="employer", identifier="2", name="乙", party=party("yangpu"), grade="A"
        )
        Subject.objects.create(kind="worker", identifier="3", name="丙", employer=bad, grade="C")
        assert [p for p, _b in commendations.credit_grade(rule, 2026)] == [good.party]


class TestAgendaSource:
    def test_meeting_agenda_gets_the_published_results(self, demo_year: object) -> None:
        from types import SimpleNamespace

        from hicoop.evaluation.agenda import evaluation_results
        from hicoop.meetings.agenda_sources import SOURCES, Context

        assert "evaluation" in SOURCES
        meeting = SimpleNamespace(year=2027)
        on = dt.date(2027, 11, 1)
        (entry,) = evaluation_results(Context(meeting, user("office"), on, on))
        assert entry.title == "2026年度监测评价结果" and "前三名" in entry.body
        assert "方案一" in entry.body
