from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.testing import user
from hicoop.core.workflow import events_of
from hicoop.listings import services
from hicoop.listings.choices import ListingKind


@pytest.fixture
def demand(db: Any) -> Any:
    """A draft demand of the Haikou demo unit (any model with a status field would do), with its
    creation row removed so that each test sees only the events it causes."""
    made = services.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "title": "热带果蔬冷链保鲜技术合作（演示数据）",
            "owner": "demo-unit-haikou-bio",
            "description": "需要合作方提供冷链保鲜与品质监测技术。",
            "measure": 1,
            "mode": "point_to_point",
        },
        actor=user("unit-haikou"),
    )
    events_of(made).delete()
    return made
