from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hicoop.cooperation.choices import Origin
from hicoop.cooperation.models import CooperationItem
from hicoop.listings.demo import ensure_demo_listings
from hicoop.matchmaking import adapter
from hicoop.matchmaking.choices import InterestStatus, RunMode
from hicoop.matchmaking.demo import ensure_demo_matching
from hicoop.matchmaking.models import Interest, MatchRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_model(settings: Any, tmp_path: Path) -> None:
    """The tiny ONNX model instead of the bundled one: ``hicoop demo`` embeds its ~500 records
    with the bundled model (about a minute on 2 cores), which this test need not repeat."""
    pytest.importorskip("onnx", reason="building the tiny test model needs onnx (dev extra)")
    from hicoop.engine.tests import tiny_model

    settings.EMBEDDING_MODEL = str(tiny_model.build(tmp_path / "model"))


def test_demo_runs_cover_the_three_modes_and_the_accept_loop(small_model: None) -> None:
    adapter.reset_index()
    ensure_demo_listings()
    assert ensure_demo_matching() == {"match runs": 3}
    coalition = MatchRun.objects.get(mode=RunMode.MANY_TO_ONE)
    # Given the 多对一 demand of a unit in 三亚崖州湾科技城
    assert coalition.demand.owner.parent.name == "三亚崖州湾科技城"
    members = coalition.candidates.filter(selected=True)
    assert 2 <= members.count() <= 3 and coalition.summary["uncovered"] == []
    assert all(m.covers and m.reasons["evidence"] for m in members)
    # 点对点: ranked partners with reasons, a decline kept as feedback and an acceptance
    point = MatchRun.objects.get(mode=RunMode.POINT_TO_POINT)
    assert [c.rank for c in point.candidates.order_by("rank")] == list(range(1, 11))
    # ... with the semantic similarity of every partner, from the records' vectors
    assert point.summary["semantic"]["used"] and point.inputs["semantic"]["model"]
    assert all(c.reasons["semantic"] is not None for c in point.candidates.all())
    assert Interest.objects.filter(
        run=point, status=InterestStatus.DECLINED, decline_reason="no_capacity"
    ).exists()
    # 一对一: every partner within its capacity
    batch = MatchRun.objects.get(mode=RunMode.ONE_TO_ONE)
    assert (
        batch.summary["assigned"] == batch.summary["demands"]
        and batch.summary["over_capacity"] == []
    )
    # The accepted interests became cooperation items
    items = CooperationItem.objects.filter(origin=Origin.MATCH)
    assert {i.mode for i in items} == {"many_to_one", "point_to_point"}
    assert Interest.objects.filter(
        status=InterestStatus.SENT, partner__external_id="demo-unit-shanghai-ocean"
    ).exists()
    assert ensure_demo_matching() == {"match runs": 0}
    adapter.reset_index()
