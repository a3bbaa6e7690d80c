"""Demo records of monitoring and evaluation for 2026 (演示数据), made through the services.

Targets for six partner regions and five Hainan cities and parks; a data set per locality filled
in, submitted, approved by the coordinator step and locked by the office — except 北京, whose
values break the high-importance rule and stay a draft; the evaluation run (scores with
explanations) published; two allocation scenarios of a 20 000 万元 pot, the first adopted with a
reason; and the commendation list found by the rules, approved and published.
The joint office's steps are taken as the demo account ``office``. A second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from hicoop.evaluation.choices import Period
from hicoop.evaluation.models import (
    AllocationScenario,
    CommendationList,
    DataSet,
    EvaluationRun,
    Indicator,
    Target,
)
from hicoop.evaluation.services import commendations, datasets, runs, scenarios
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party

YEAR = 2026
MARK = "（演示数据）"
POT = Decimal(20000)
LOCALITIES = (
    "shanghai", "beijing", "guangdong", "shenzhen", "sichuan", "hunan",
    "haikou", "sanya", "haikou-hitech", "yazhou-bay", "boao-lecheng",
)  # fmt: skip
TARGETS = {
    "items_completed": 60,
    "items_progress": 70,
    "milestones_on_time": 90,
    "reports_on_time": 100,
    "key_tasks_progress": 60,
    "pairing_platforms": 2,
    "demands_answered": 80,
    "talents_to_hainan": 40,
    "funds_invested": 1500,
    "activities_held": 6,
    "transfer_contracts": 2,
    "transfer_amount": 300,
}
BROKEN = "beijing"  # its data set breaks the high-importance rule


def _office() -> Any:
    return get_user_model().objects.get(username="office")


def _reported(n: int) -> dict[str, str]:
    funds = 800 + 170 * n
    return {
        "talents_to_hainan": str(18 + 5 * n),
        "funds_invested": str(funds),
        "funds_local": str(funds // 3),
        "activities_held": str(3 + n % 5),
    }


def _localities() -> list[Party]:
    found = {p.external_id: p for p in Party.objects.filter(external_id__startswith="mechanism:")}
    return [found[mechanism_key(k)] for k in LOCALITIES if mechanism_key(k) in found]


def ensure_targets(localities: list[Party]) -> int:
    made = 0
    for ind in Indicator.objects.filter(code__in=TARGETS):
        for n, loc in enumerate(localities):
            # exact decimals (1.0, 1.1, 1.2): a binary float would store 6.6000000000000005
            bump = Decimal(10 + n % 3) / 10 if ind.unit != "%" else Decimal(1)
            _t, created = Target.objects.get_or_create(
                indicator=ind,
                locality=loc,
                year=YEAR,
                defaults={"value": Decimal(TARGETS[ind.code]) * bump, "is_demo": True},
            )
            made += created
    return made


def ensure_datasets(localities: list[Party], office: Any) -> int:
    made = 0
    for n, loc in enumerate(localities):
        if DataSet.objects.filter(party=loc, year=YEAR, period=Period.ANNUAL).exists():
            continue
        ds = datasets.create_dataset(
            party=loc,
            year=YEAR,
            period=Period.ANNUAL,
            due_on=dt.date(YEAR, 12, 15),
            actor=office,
            is_demo=True,
        )
        values = _reported(n)
        if loc.external_id == mechanism_key(BROKEN):
            values["funds_local"] = str(int(values["funds_invested"]) + 100)
            datasets.save_values(dataset=ds, values=values, actor=office)
            made += 1
            continue
        datasets.save_values(dataset=ds, values=values, actor=office)
        datasets.submit(dataset=ds, actor=office, on=dt.date(YEAR, 12, 1 + n))
        datasets.decide(dataset=ds, action="approve", actor=office)
        datasets.decide(dataset=ds, action="lock", actor=office)
        made += 1
    return made


def ensure_run(office: Any) -> EvaluationRun:
    found = EvaluationRun.objects.filter(year=YEAR, is_demo=True).order_by("pk").first()
    if found is not None:
        return found
    run = runs.run_now(year=YEAR, actor=office, is_demo=True)
    return runs.publish_run(run=run, actor=office)


def ensure_scenarios(run: EvaluationRun, office: Any) -> int:
    if AllocationScenario.objects.filter(year=YEAR, is_demo=True).exists():
        return 0
    first = scenarios.create_scenario(
        run=run, name=f"方案一：现行权重{MARK}", pot_wan=POT, actor=office, is_demo=True
    )
    scenarios.create_scenario(
        run=run,
        name=f"方案二：突出事项完成{MARK}",
        pot_wan=POT,
        actor=office,
        weights={"items_completed": Decimal("0.2"), "items_progress": Decimal("0.05")},
        is_demo=True,
    )
    scenarios.adopt(scenario=first, actor=office, reason=f"推进会审议采用现行权重方案{MARK}")
    return 2


def ensure_commendations(office: Any) -> int:
    if CommendationList.objects.filter(year=YEAR).exists():
        return 0
    clist = commendations.find_candidates(year=YEAR, actor=office, is_demo=True)
    for entry in clist.entries.all():
        commendations.decide_entry(entry=entry, approved=True, actor=office)
    if clist.entries.exists():
        commendations.publish_list(clist=clist, actor=office)
    return clist.entries.count()


@transaction.atomic
def ensure_demo(*, actor: Any) -> dict[str, int]:
    """Create the demo evaluation year (idempotent)."""
    office = _office()
    localities = _localities()
    counts = {
        "evaluation targets": ensure_targets(localities),
        "evaluation data sets": ensure_datasets(localities, office),
    }
    runs_before = EvaluationRun.objects.filter(year=YEAR, is_demo=True).count()
    run = ensure_run(office)
    counts["evaluation runs"] = (
        EvaluationRun.objects.filter(year=YEAR, is_demo=True).count() - runs_before
    )
    counts["allocation scenarios"] = ensure_scenarios(run, office)
    counts["commendation candidates"] = ensure_commendations(office)
    return counts
