"""Shared pytest setup.

* The test database is created once per run with the mechanism's data and the demo accounts
  loaded; every test runs inside a transaction that is rolled back.
* ``module_db``: records a module's tests only read can be made once for the module (a
  module-scoped fixture asking for ``module_db``), inside an atomic block that is rolled back
  at the end of the module; each test still runs in its own savepoint within it. The tests that
  use it run after the module's other tests, which thus never see those records.
* The bundled embedding model's vectors are memoised (``hicoop/engine/tests/embedding_memo.py``):
  a text it embedded before, in this run or an earlier one of this checkout, is read back
  bit for bit instead of computed again (``HICOOP_TEST_EMBEDDINGS=off``: this run only).
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


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """Each test starts in the site's default language: a page request activates the request's
    language for the thread (as Django's own middleware does) and would otherwise leak it into
    the next test (a snapshot test then saw English names after an English API call)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def module_db(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """An atomic block around the rest of this module's tests, rolled back at its end.

    A module-scoped fixture that asks for it writes, under ``django_db_blocker.unblock()``,
    records that every later test of the module sees (each test's own changes are still rolled
    back to its savepoint). Not for transactional tests (they would commit or flush it)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Within each run of consecutive tests of one module, the tests using ``module_db`` (through
    a fixture) go last, in their order: the others never see the module's shared records."""
    position: dict[int, tuple[int, bool, int]] = {}
    run, previous = -1, None
    for n, item in enumerate(items):
        module = getattr(item, "module", None)
        if module is not previous:
            run, previous = run + 1, module
        position[id(item)] = (run, "module_db" in getattr(item, "fixturenames", ()), n)
    items.sort(key=lambda item: position[id(item)])


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
    # The demo tests embed the same ~500 demo texts with the bundled model every run (minutes).
    from hicoop.engine.tests import embedding_memo

    embedding_memo.install()
