from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hicoop.core.testing import user
from hicoop.credit import services

# The demo unit 上海深蓝海洋工程研究所（示例）: a partner party with this USCC.
OCEAN_USCC = "12310000MB2DEM001B"
TODAY = dt.date(2026, 11, 29)


def pdf(name: str = "evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% evidence\n", content_type="application/pdf")


@pytest.fixture
def office() -> Any:
    return user("office")


@pytest.fixture
def employer(db: Any, office: Any) -> Any:
    return services.register_subject(
        data={
            "kind": "employer",
            "identifier": OCEAN_USCC,
            "name": "上海深蓝海洋工程研究所（示例）",
        },
        actor=office,
    )


@pytest.fixture
def worker(employer: Any, office: Any) -> Any:
    return services.register_subject(
        data={
            "kind": "worker",
            "identifier": "T460000202600123",
            "name": "SMITH John",
            "nationality": "英国",
            "birth_date": "1985-03-14",
            "employer": OCEAN_USCC,
        },
        actor=office,
    )


@pytest.fixture
def demand(db: Any) -> Any:
    """A published demand of a Hainan unit and the ocean institute's matching capability."""
    from hicoop.listings import services as listings
    from hicoop.listings.choices import ListingKind
    from hicoop.matchmaking import adapter

    def publish(listing: Any) -> Any:
        listings.transition_listing(listing=listing, action="submit", actor=None)
        listings.transition_listing(listing=listing, action="publish", actor=user("office"))
        return listing

    adapter.reset_index()
    publish(
        listings.create_listing(
            kind=ListingKind.CAPABILITY,
            data={
                "owner": "demo-unit-shanghai-ocean",
                "title": "深远海养殖平台智能投喂控制系统",
                "description": "智能投喂控制系统研制，投饵机与水下视觉识别联动，面向深远海养殖网箱。",
                "tags": ["智能投喂控制"],
                "fields": ["deep-sea"],
                "capacity": 2,
            },
            actor=None,
        )
    )
    found = publish(
        listings.create_listing(
            kind=ListingKind.DEMAND,
            data={
                "title": "深远海养殖平台智能投喂系统联合研发",
                "owner": "demo-unit-haikou-bio",
                "description": "需要智能投喂控制方面的合作伙伴。",
                "measure": 1,
                "mode": "point_to_point",
                "fields": ["deep-sea"],
            },
            actor=None,
        )
    )
    yield found
    adapter.reset_index()
