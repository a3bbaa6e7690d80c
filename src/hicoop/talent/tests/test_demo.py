"""The demo: written through the services, marked 演示数据, idempotent."""

from __future__ import annotations

import pytest

from hicoop.core.actors import DEMO
from hicoop.talent.demo import ensure_demo
from hicoop.talent.models import ListVersion, Permit, PreCheck

pytestmark = pytest.mark.django_db


class TestDemo:
    def test_given_demo_twice_then_the_second_run_creates_nothing(self) -> None:
        first = ensure_demo(actor=DEMO)
        second = ensure_demo(actor=DEMO)
        assert first == {"negative-list versions": 2, "work permits": 5, "self pre-checks": 3}
        assert set(second.values()) == {0}
        assert all("演示数据" in v.title for v in ListVersion.objects.all())
        assert Permit.objects.filter(is_demo=False).count() == 0
        assert PreCheck.objects.count() == 3
        assert ListVersion.objects.get(number="2025").status == "published"
        assert ListVersion.objects.get(number="2026").entries.count() == 4
