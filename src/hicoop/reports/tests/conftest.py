from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def demo_data(db: Any) -> None:
    """The cooperation and policy demo records (items of 2021–2026, the 2025/2026 editions)."""
    from hicoop.cooperation.demo import ensure_demo_cooperation
    from hicoop.core.actors import DEMO
    from hicoop.listings.demo import ensure_demo_listings
    from hicoop.policies.demo import ensure_demo as ensure_demo_policies

    ensure_demo_listings()
    ensure_demo_cooperation()
    ensure_demo_policies(actor=DEMO)
