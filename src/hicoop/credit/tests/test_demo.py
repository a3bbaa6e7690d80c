"""The demo: subjects in every grade, and a D-grade partner that the demo match run leaves out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hicoop.core.actors import DEMO
from hicoop.credit import scoring
from hicoop.credit.demo import TODAY, ensure_demo
from hicoop.credit.models import Subject
from hicoop.listings.demo import ensure_demo_listings
from hicoop.matchmaking import adapter
from hicoop.matchmaking.choices import RunMode
from hicoop.matchmaking.demo import ensure_demo_matching
from hicoop.matchmaking.models import MatchRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_model(settings: Any, tmp_path: Path) -> None:
    pytest.importorskip("onnx", reason="building the tiny test model needs onnx (dev extra)")
    from hicoop.engine.tests import tiny_model

    settings.EMBEDDING_MODEL = str(tiny_model.build(tmp_path / "model"))


def test_demo_has_every_grade_and_a_d_grade_partner_left_out(small_model: None) -> None:
    adapter.reset_index()
    ensure_demo_listings()
    ensure_demo_matching()
    counts = ensure_demo(actor=DEMO)
    assert counts["credit subjects"] == 8
    assert ensure_demo(actor=DEMO) == {"credit subjects": 0}
    for kind in ("worker", "employer"):
        grades = set(Subject.objects.filter(kind=kind, demo=True).values_list("grade", flat=True))
        assert grades == {"A", "B", "C", "D"}, kind
    partner = Subject.objects.get(kind="employer", grade="D", party__isnull=False)
    assert partner.party is not None
    runs = MatchRun.objects.filter(mode=RunMode.POINT_TO_POINT).order_by("pk")
    first, last = runs.first(), runs.last()
    assert first is not None and last is not None and first.pk != last.pk
    assert first.candidates.filter(partner=partner.party).exists()
    assert not last.candidates.filter(partner=partner.party).exists()
    assert [x["partner"] for x in last.summary["excluded_by_gates"]] == [partner.party.name]
    for subject in Subject.objects.filter(demo=True):
        found = scoring.result(subject, TODAY)
        assert found.adds_up and (found.grade, found.score) == (subject.grade, subject.score)
    adapter.reset_index()
