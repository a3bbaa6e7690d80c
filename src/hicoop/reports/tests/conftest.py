from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def demo_records(module_db: None, django_db_blocker: Any) -> None:
    """The cooperation and policy demo records, made once for the module's tests that read them
    (rolled back at the module's end; see ``module_db`` in the root conftest)."""
    from hicoop.cooperation.demo import ensure_demo_cooperation
    from hicoop.core.actors import DEMO
    from hicoop.listings.demo import ensure_demo_listings
    from hicoop.policies.demo import ensure_demo as ensure_demo_policies

    with django_db_blocker.unblock():
        ensure_demo_listings()
        ensure_demo_cooperation()
        ensure_demo_policies(actor=DEMO)


@pytest.fixture
def demo_data(demo_records: None, db: Any) -> None:
    """The cooperation and policy demo records (items of 2021–2026, the 2025/2026 editions)."""
