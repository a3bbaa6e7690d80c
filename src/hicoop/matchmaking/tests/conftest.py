from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.actors import OPERATOR
from hicoop.core.testing import user
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingKind
from hicoop.matchmaking import adapter

CAPABILITIES = [
    (
        "demo-unit-shanghai-ocean",
        "深远海养殖平台智能投喂控制系统",
        "智能投喂控制系统研制，投饵机与水下视觉识别联动，面向深远海养殖网箱。",
        ["智能投喂控制", "水下视觉识别"],
        ["deep-sea"],
        2,
    ),
    (
        "mechanism:zhangjiang",
        "海洋浮标与水质在线监测",
        "水质在线监测浮标，溶解氧、温盐深数据实时传输，海洋浮标组网。",
        ["水质在线监测", "海洋浮标与数据传输"],
        ["marine-equipment"],
        1,
    ),
    (
        "mechanism:hunan",
        "深远海养殖装备设计制造",
        "深远海养殖装备整体设计、抗台风网箱与养殖工船制造能力。",
        ["深远海养殖装备"],
        ["marine-equipment"],
        1,
    ),
    (
        "mechanism:tianfu-bio",
        "创新药临床前研究服务",
        "创新药药效学、药代动力学与安全性评价等临床前研究服务。",
        ["创新药临床前研究"],
        ["biomedicine"],
        3,
    ),
]


def publish(listing: Any) -> Any:
    listings.transition_listing(listing=listing, action="submit", actor=OPERATOR)
    listings.transition_listing(listing=listing, action="publish", actor=user("office"))
    return listing


@pytest.fixture
def supply(db: Any) -> list[Any]:
    adapter.reset_index()
    made = []
    for owner, title, text, tags, fields, capacity in CAPABILITIES:
        made.append(
            publish(
                listings.create_listing(
                    kind=ListingKind.CAPABILITY,
                    data={
                        "owner": owner,
                        "title": title,
                        "description": text,
                        "tags": tags,
                        "fields": fields,
                        "capacity": capacity,
                    },
                    actor=OPERATOR,
                )
            )
        )
    yield made
    adapter.reset_index()


@pytest.fixture
def demand(supply: Any) -> Any:
    return publish(
        listings.create_listing(
            kind=ListingKind.DEMAND,
            data={
                "title": "深远海养殖平台智能投喂与水质在线监测系统联合研发",
                "owner": "demo-unit-haikou-bio",
                "description": "需要智能投喂控制、水质在线监测和深远海养殖装备方面的合作伙伴。",
                "measure": 1,
                "mode": "many_to_one",
                "required_capabilities": ["深远海养殖装备", "智能投喂控制", "水质在线监测"],
                "fields": ["deep-sea"],
            },
            actor=OPERATOR,
        )
    )
