from __future__ import annotations

import pytest

from hicoop.core.actors import DEMO
from hicoop.evaluation import demo


@pytest.fixture
def demo_year(db: object) -> dict[str, int]:
    """The evaluation demo alone, on the mechanism's records (fast)."""
    return demo.ensure_demo(actor=DEMO)
