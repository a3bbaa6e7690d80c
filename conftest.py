"""Shared pytest setup.

* The test database is created once per run with the mechanism's data and the demo accounts
  loaded; every test runs inside a transaction that is rolled back.
* ``HICOOP_REQUIRE_ALL_TESTS=1`` (set by CI) turns every skip into a failure, so a test that
  would skip for want of PostgreSQL or Chromium cannot pass silently there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

STRICT = os.environ.get("HICOOP_REQUIRE_ALL_TESTS", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    from hicoop.accounts.demo import ensure_demo_accounts
    from hicoop.cooperation.mechanism import load_cooperation
    from hicoop.core.actors import LOADER
    from hicoop.core.discovery import app_hooks
    from hicoop.parties.mechanism import load_mechanism

    with django_db_blocker.unblock():
        report = load_mechanism(actor=LOADER)
        load_cooperation(actor=LOADER, report=report)
        for ensure in app_hooks("mechanism", "ensure_mechanism"):
            ensure(actor=LOADER, report=report)
        ensure_demo_accounts()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under HICOOP_REQUIRE_ALL_TESTS=1 (CI): {reason}"


def pytest_configure(config: pytest.Config) -> None:
    """Jobs run in the calling thread during tests (tests of the real queue start workers)."""
    from django.conf import settings

    settings.HICOOP_JOBS_EAGER = True
    # Rate limits and login lock-out have their own tests (core/tests/test_accounts_security.py).
    settings.HICOOP_THROTTLE = False
    settings.HICOOP_LOGIN_LOCKOUT = False
