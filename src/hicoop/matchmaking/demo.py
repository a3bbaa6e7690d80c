"""Demo matching, run through the real services on the demo records (``hicoop demo``).

* 多对一: a coalition for 三亚崖州湾科技城's deep-sea aquaculture demand; the best-covering
  member accepts, so a many-to-one cooperation item exists.
* 点对点: ranked partners for a point-to-point demand; the first partner declines (no capacity,
  kept as feedback), the second accepts and an item is created.
* 一对一: a batch assignment of every open demand under the partners' capacities.
* A pending interest to the demo unit 上海深蓝海洋工程研究所 so ``unit-shanghai`` can answer it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hicoop.core.actors import DEMO
from hicoop.core.jobs import run_job
from hicoop.core.models import JobStatus
from hicoop.listings.choices import CooperationMode, ListingStatus
from hicoop.listings.models import Demand
from hicoop.matchmaking import services
from hicoop.matchmaking.choices import DeclineReason
from hicoop.matchmaking.models import MatchRun
from hicoop.matchmaking.services import vectors
from hicoop.parties.models import Party

DEMO_TODAY = dt.date(2026, 11, 24)
COALITION_DEMAND = "深远海养殖平台智能投喂与水质在线监测系统联合研发"


def _coalition() -> int:
    demand = Demand.objects.filter(title=COALITION_DEMAND, status=ListingStatus.PUBLISHED).first()
    if demand is None:
        return 0
    run = services.run_coalition(demand=demand, actor=DEMO, on=DEMO_TODAY, max_partners=3)
    members = list(run.candidates.filter(selected=True).order_by("rank"))
    for n, member in enumerate(members[:2]):
        interest = services.express_interest(
            demand=demand,
            partner=member.partner,
            candidate=member,
            actor=DEMO,
            message="诚邀共同承担本需求（演示数据）",
        )
        if n == 0:
            services.respond_interest(interest=interest, actor=DEMO, accept=True, on=DEMO_TODAY)
    ocean = Party.objects.get(external_id="demo-unit-shanghai-ocean")
    if not demand.interests.filter(partner=ocean).exists():
        services.express_interest(
            demand=demand,
            partner=ocean,
            actor=DEMO,
            message="贵所深海装备经验与本需求契合，盼合作（演示数据）",
        )
    return 1


def _point_to_point() -> int:
    demand = (
        Demand.objects.filter(mode=CooperationMode.POINT_TO_POINT, status=ListingStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    if demand is None:
        return 0
    run = services.run_point_to_point(demand=demand, actor=DEMO, on=DEMO_TODAY, k=10)
    ranked = list(run.candidates.order_by("rank")[:2])
    if len(ranked) == 2:
        first = services.express_interest(
            demand=demand, partner=ranked[0].partner, candidate=ranked[0], actor=DEMO
        )
        services.respond_interest(
            interest=first,
            actor=DEMO,
            accept=False,
            reason=DeclineReason.NO_CAPACITY,
            note="本年度团队已满负荷（演示数据）",
            on=DEMO_TODAY,
        )
        second = services.express_interest(
            demand=demand, partner=ranked[1].partner, candidate=ranked[1], actor=DEMO
        )
        services.respond_interest(interest=second, actor=DEMO, accept=True, on=DEMO_TODAY)
    return 1


def ensure_demo_matching() -> dict[str, int]:
    """Embed the demo records, then create the demo runs once; a second call changes nothing."""
    if MatchRun.objects.exists():
        return {"match runs": 0}
    # The embedding job, run here rather than by a worker so the demo's runs already have
    # semantic reasons (a worker that picks it up later finds it claimed).
    job = vectors.request_embedding(actor=DEMO, on=DEMO_TODAY)
    if job is not None and job.status == JobStatus.QUEUED:
        run_job(job.pk, worker="demo")
    return _runs()


@transaction.atomic
def _runs() -> dict[str, int]:
    runs = _coalition() + _point_to_point()
    services.run_batch(actor=DEMO, on=DEMO_TODAY)
    return {"match runs": runs + 1}
