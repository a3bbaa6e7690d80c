from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.actors import DEMO
from hicoop.evaluation import demo


@pytest.fixture(scope="module")
def demo_year_records(module_db: None, django_db_blocker: Any) -> dict[str, int]:
    """The evaluation demo, made once for the module's tests that use it (``module_db``)."""
    with django_db_blocker.unblock():
        return demo.ensure_demo(actor=DEMO)


@pytest.fixture
def demo_year(demo_year_records: dict[str, int], db: object) -> dict[str, int]:
    """The evaluation demo alone, on the mechanism's records (fast)."""
    return dict(demo_year_records)
