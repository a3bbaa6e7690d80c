from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.actors import OPERATOR
from hicoop.core.testing import user
from hicoop.listings import services
from hicoop.listings.choices import ListingKind


def make_demand(actor: Any = OPERATOR, **overrides: Any) -> Any:
    data = {
        "title": "深远海养殖网箱智能投喂系统联合研发",
        "owner": "demo-unit-haikou-bio",
        "description": "面向海南深远海养殖，需要合作方提供水下视觉识别与智能投喂控制技术，"
        "共同研制适用于台风海况的投喂装备。",
        "measure": 1,
        "mode": "many_to_one",
        "required_capabilities": ["水下视觉识别", "智能投喂控制", "海工装备"],
        "preferred_regions": ["mechanism:shanghai"],
        "fields": ["deep-sea", "marine-equipment"],
        "industries": ["04"],
        "budget_min": "100",
        "budget_max": "300",
        "starts_on": "2026-03-01",
        "ends_on": "2027-12-31",
    }
    data.update(overrides)
    return services.create_listing(kind=ListingKind.DEMAND, data=data, actor=actor)


def publish(listing: Any) -> Any:
    services.transition_listing(listing=listing, action="submit", actor=OPERATOR)
    services.transition_listing(listing=listing, action="publish", actor=user("office"))
    return listing


@pytest.fixture
def published_demand(db: Any) -> Any:
    return publish(make_demand(actor=user("unit-haikou")))
