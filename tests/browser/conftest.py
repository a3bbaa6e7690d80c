"""Shared set-up of the browser tests: headless Chromium (Debian's package) driven by Playwright,
a live server, the mechanism's data and the demo accounts, and a login helper."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from hicoop.core.actors import OPERATOR

CHROMIUM = os.environ.get("HICOOP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "hicoop-demo-2026"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install playwright)")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright runs an event loop in this thread; Django's ORM must still be usable here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-gpu",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def mechanism_data(transactional_db: Any) -> None:
    """A transactional test empties the tables afterwards, so load the data for this test."""
    from hicoop.accounts.demo import ensure_demo_accounts
    from hicoop.cooperation.mechanism import load_cooperation
    from hicoop.core.actors import LOADER
    from hicoop.core.discovery import app_hooks
    from hicoop.parties.mechanism import load_mechanism

    report = load_mechanism(actor=OPERATOR)
    load_cooperation(actor=OPERATOR, report=report)
    for ensure in app_hooks("mechanism", "ensure_mechanism"):
        ensure(actor=LOADER, report=report)
    ensure_demo_accounts()


def login(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form as a demo user."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-submit")


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def look_at_main_page(page: Any, url: str, shots: Any, name: str) -> None:
    """A domain's main page as a person sees it, in Chinese and English on a desktop and a
    phone: no untranslated strings or raw codes, nothing wider than the phone's screen (wide
    tables scroll inside their own box), and a screenshot of each in ``shots``."""
    from .textscan import LANGUAGES, assert_clean, use_language

    for language in LANGUAGES:
        use_language(page, language)
        for width, viewport in (("1280", DESKTOP), ("390", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(url)
            page.screenshot(path=str(shots / f"{name}-{language}-{width}.png"), full_page=True)
            assert_clean(page)
            overflow = page.evaluate("document.documentElement.scrollWidth") - viewport["width"]
            assert overflow <= 0, f"{url} ({language}, {width} px) is {overflow} px too wide"
    page.set_viewport_size(DESKTOP)
