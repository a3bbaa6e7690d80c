"""Demo catalogue (written for the project, marked 演示数据, without official document numbers):
free-trade-port policies for the offshore pilot zone's parks, an amendment and a repeal, the 2025
and 2026 editions, and a demand citing a clause whose owner is alerted by the amendment."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from hicoop.listings import services as listing_services
from hicoop.listings.choices import ListingKind
from hicoop.listings.models import Demand
from hicoop.policies.models import Citation, Edition, Policy
from hicoop.policies.services import citations, editions, versions
from hicoop.policies.services import policies as services


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


DATA = Path(__file__).resolve().parent / "demo_data" / "catalogue.json"
CITING_OWNER = "demo-unit-haikou-bio"
CITING_DEMAND = "demo-policies-citing-demand"


def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA.read_text("utf-8"))
    return loaded


def _policies(data: dict[str, Any], actor: Any) -> int:
    created = 0
    for row in data["policies"]:
        if Policy.objects.filter(key=row["key"]).exists():
            continue
        fields = {k: v for k, v in row.items() if k not in {"text", "effective_from"}}
        version = {"effective_from": row["effective_from"], "full_text": row["text"]}
        services.create_policy(
            data=fields, version=version, actor=actor, publish=True, is_demo=True
        )
        created += 1
    return created


def _edition(year: int, keys: list[str], actor: Any, publish: bool) -> int:
    if Edition.objects.filter(year=year).exists():
        return 0
    edition = editions.create_edition(
        data={
            "year": year,
            "title": f"海南离岸创新创业政策指导目录（{year}年版，演示数据）",
            "title_en": f"Hainan offshore innovation and entrepreneurship policy catalogue {year} (demo data)",
            "introduction": "联合办公室梳理海南自由贸易港政策形成的指导目录（演示数据）。",
            "introduction_en": "The joint office's guidance catalogue of free-trade-port policies (demo data).",
            "as_of": dt.date(year, 6, 30),
        },
        actor=actor,
    )
    for key in keys:
        policy = Policy.objects.filter(key=key).first()
        if policy is not None:
            editions.add_entry(edition=edition, policy=policy, actor=actor)
    editions.transition_edition(edition=edition, action="review", actor=actor)
    if publish:
        editions.transition_edition(edition=edition, action="publish", actor=actor)
    return 1


def _citing_demand() -> Any:
    """A demand of the Haikou demo unit (so its member ``unit-haikou`` is alerted)."""
    found = Demand.objects.filter(external_id=CITING_DEMAND).first()
    if found is not None:
        return found
    member = user("unit-haikou")
    demand = listing_services.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "external_id": CITING_DEMAND,
            "title": "离岸孵化器落户与跨境研发中心建设合作（演示数据）",
            "owner": CITING_OWNER,
            "description": "拟在海口高新区设立离岸孵化器，寻求境外创新团队与孵化运营合作方（演示数据）。",
            "measure": 2,
            "mode": "point_to_point",
            "fields": ["biomedicine"],
        },
        actor=member,
    )
    listing_services.transition_listing(listing=demand, action="submit", actor=member)
    listing_services.transition_listing(listing=demand, action="publish", actor=user("office"))
    return demand


def _citation(actor: Any) -> int:
    policy = Policy.objects.get(key="demo:offshore-support")
    if Citation.objects.filter(policy=policy).exists():
        return 0
    demand = _citing_demand()
    citations.cite(
        record=demand,
        policy=policy,
        version=policy.versions.get(number=1),
        clause="第四条",
        note="申请离岸孵化器落户奖励的依据（演示数据）",
        actor=user("unit-haikou"),
    )
    return 1


def _amend_and_repeal(data: dict[str, Any], actor: Any) -> int:
    changed = 0
    amend = data["amend"]
    policy = Policy.objects.get(key=amend["key"])
    if policy.versions.count() == 1:
        versions.amend_policy(
            policy=policy,
            version={"effective_from": amend["effective_from"], "full_text": amend["text"]},
            change={"reason": amend["reason"], "document": amend["document"]},
            actor=actor,
        )
        changed += 1
    repeal = data["repeal"]
    policy = Policy.objects.get(key=repeal["key"])
    if policy.status == "active":
        versions.repeal_policy(
            policy=policy,
            on=dt.date.fromisoformat(repeal["on"]),
            change={"reason": repeal["reason"], "document": repeal["document"]},
            actor=actor,
        )
        changed += 1
    return changed


@transaction.atomic
def ensure_demo(*, actor: Any) -> dict[str, int]:
    """Create what is missing (a second run creates nothing)."""
    data = _data()
    office = user("office")
    counts = {"demo policies": _policies(data, actor)}
    first = [row["key"] for row in data["policies"][:5]]
    counts["catalogue editions"] = _edition(2025, first, office, publish=True)
    counts["policy citations"] = _citation(actor)
    counts["policy changes"] = _amend_and_repeal(data, office)
    later = [row["key"] for row in data["policies"] if row["key"] != data["repeal"]["key"]]
    counts["catalogue editions"] += _edition(2026, later, office, publish=False)
    return counts
