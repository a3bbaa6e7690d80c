"""Cost of the flows and the funnel at registry scale: 2,000 signed contracts from 40 partner
units to 20 Hainan units (rows written in bulk for speed; services are tested elsewhere).
The figures printed here are the ones in docs/BENCHMARKS.md (run with ``-s``)."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hicoop.core.testing import party, user
from hicoop.parties.models import Party
from hicoop.transfer import indicators
from hicoop.transfer.models import Transfer
from hicoop.transfer.tests.factories import unit

pytestmark = pytest.mark.django_db
CONTRACTS = 2000


def _units(prefix: str, parents: list[str], n: int) -> list[Party]:
    return [
        unit(f"{prefix}{i}", parents[i % len(parents)], f"scale-{prefix}-{i}") for i in range(n)
    ]


def test_flows_and_funnel_at_scale() -> None:
    sellers = _units(
        "伙伴单位", ["shanghai", "sunan-transfer", "zhejiang-transfer", "hunan", "guangdong"], 40
    )
    buyers = _units(
        "海南单位", ["haikou-hitech", "yazhou-bay", "boao-lecheng", "haikou", "sanya"], 20
    )
    types = ["development", "assignment", "licence", "consulting", "service", "equity"]
    Transfer.objects.bulk_create(
        Transfer(
            title=f"合同{i}",
            description="规模测试",
            seller=sellers[i % 40],
            buyer=buyers[i % 20],
            contract_type=types[i % 6],
            amount=Decimal(10 + i % 500),
            signed_on=dt.date(2026, 1 + i % 12, 1 + i % 28),
            status="registered",
        )
        for i in range(CONTRACTS)
    )
    office = user("office")
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        found = indicators.flows(year=2026, user=office)
        flows_seconds = time.perf_counter() - start
    assert found.count == CONTRACTS
    start = time.perf_counter()
    indicators.funnel(year=2026, user=office)
    funnel_seconds = time.perf_counter() - start
    start = time.perf_counter()
    indicators.flows(year=2026, user=user("hunan"))
    scoped_seconds = time.perf_counter() - start
    print(
        f"\nflows {CONTRACTS} contracts: {flows_seconds * 1000:.0f} ms, {len(queries)} queries, "
        f"{len(found.links)} links; scoped (hunan) {scoped_seconds * 1000:.0f} ms; "
        f"funnel {funnel_seconds * 1000:.0f} ms"
    )
    assert len(queries) <= 5
    assert flows_seconds < 10
    assert party("hunan") is not None


def test_flows_api_timing(client: Any) -> None:
    client.force_login(user("office"))
    start = time.perf_counter()
    assert client.get("/api/v1/transfers/flows/?year=2026").status_code == 200
    assert time.perf_counter() - start < 10
