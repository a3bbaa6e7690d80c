"""Everyday use (issue 10) in Chromium, per role, in Chinese and English, at desktop and phone
widths: dates kept after an edit, notifications appear and clear, the workspace lists what waits,
the dashboard draws its charts, and the pages walked show no raw codes and no untranslated
strings (``textscan``: the rendered text against the catalogue)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import login
from .textscan import assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Internal values a person must never read on a page.
RAW = re.compile(
    r"\b(search_tokens|point_to_point|many_to_one|one_to_one|in_progress|subset-dp|bm25|"
    r"cos_qr|starts_on|ends_on|owner_id|joint_projects|decline_note)\b"
)


def _page(browser: Any, base: str, username: str, language: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    login(page, base, username)
    page.wait_for_url(f"{base}/")
    return page


def _no_raw_codes(page: Any) -> None:
    text = page.locator("main").inner_text()
    found = RAW.findall(text)
    assert not found, f"raw values on {page.url}: {found}"
    assert_clean(page)


@pytest.fixture
def returned_demand(mechanism_data: None) -> Any:
    from hicoop.core.testing import user
    from hicoop.listings import services
    from hicoop.listings.tests.conftest import make_demand

    demand = make_demand(actor=user("unit-haikou"), starts_on="2026-02-01")
    services.transition_listing(listing=demand, action="submit", actor=user("unit-haikou"))
    services.transition_listing(
        listing=demand, action="return", actor=user("office"), reason="请补充预算说明（万元）。"
    )
    return demand


@pytest.mark.parametrize(
    ("language", "viewport"), [("zh-hans", DESKTOP), ("en", PHONE)], ids=["zh-desktop", "en-phone"]
)
def test_returned_demand_is_fixed_with_dates_and_punctuation_kept(
    browser: Any, live_server: Any, returned_demand: Any, language: str, viewport: dict[str, int]
) -> None:
    base = live_server.url
    # Given the unit member whose demand the joint office returned
    page = _page(browser, base, "unit-haikou", language, viewport)
    _no_raw_codes(page)
    # Then the header counts the unread notification and the workspace lists the demand to fix
    assert int(page.locator("#unread-count").inner_text()) >= 1
    todos = page.locator("#todos").inner_text()
    assert returned_demand.title in todos and "请补充预算说明（万元）。" in todos
    # When they open the notification, then the record and the count clears
    page.locator("#recent-changes a", has_text=returned_demand.title).first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#unread-count").count() == 0
    _no_raw_codes(page)
    # And edit the demand: the date inputs show the stored dates
    page.goto(f"{base}/demands/{returned_demand.pk}/edit/")
    assert page.input_value("#id_starts_on") == "2026-02-01"
    assert page.input_value("#id_ends_on") == "2027-12-31"
    _no_raw_codes(page)
    page.fill("#id_budget_max", "320")
    page.click("#save-listing")
    page.wait_for_load_state("networkidle")
    # Then the dates are kept, the history reads as labels, nothing raw is shown
    props = page.locator("dl.props").inner_text()
    assert "2026-02-01" in props and "2027-12-31" in props
    _no_raw_codes(page)
    page.context.close()


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESKTOP), ("zh-hans", PHONE)], ids=["en-desktop", "zh-phone"]
)
def test_office_dashboard_draws_charts_and_inbox_reminds(
    browser: Any, live_server: Any, mechanism_data: None, language: str, viewport: dict[str, int]
) -> None:
    from hicoop.cooperation.tests.factories import make_item
    from hicoop.core.testing import user

    make_item(actor=user("office"), status_path=("agree", "start"))
    base = live_server.url
    page = _page(browser, base, "office", language, viewport)
    _no_raw_codes(page)
    if viewport is PHONE:
        # The navigation is folded away behind the menu button on a phone
        assert not page.locator("nav.main").is_visible()
        page.click("#nav-toggle")
        assert page.locator("nav.main").is_visible()
    page.goto(f"{base}/cooperation/")
    page.wait_for_selector("#echart-status[data-drawn]")
    assert int(page.get_attribute("#echart-status", "data-drawn") or 0) >= 1
    assert page.locator("#echart-status svg").count() == 1
    _no_raw_codes(page)
    if language == "en":
        assert not re.search(r"[\u4e00-\u9fff]", page.locator("#chart-outcomes").inner_text())
    # A bar's row drills down to the list behind it
    link = page.locator("#chart-status a.drill").first
    label = link.inner_text()
    link.click()
    page.wait_for_load_state("networkidle")
    assert "/cooperation/items/?status=" in page.url and label
    _no_raw_codes(page)
    page.goto(f"{base}/cooperation/inbox/")
    assert page.locator("#inbox-missing").count() == 1
    _no_raw_codes(page)
    page.context.close()


@pytest.fixture
def published_demand(mechanism_data: None) -> Any:
    from hicoop.listings.tests.conftest import make_demand, publish

    return publish(make_demand())


@pytest.mark.parametrize(
    ("language", "viewport", "sent"),
    [("zh-hans", DESKTOP, "已向"), ("en", PHONE, "Expression of interest sent to")],
    ids=["zh-desktop", "en-phone"],
)
def test_partner_expresses_interest_from_a_demand_page(
    browser: Any,
    live_server: Any,
    published_demand: Any,
    language: str,
    viewport: dict[str, int],
    sent: str,
) -> None:
    base = live_server.url
    # Given a member of a Shanghai unit reading Haikou's published demand
    page = _page(browser, base, "unit-shanghai", language, viewport)
    page.goto(f"{base}/demands/{published_demand.pk}/")
    # When they write a note and express interest
    page.fill("#partner-message", "可提供智能投喂控制系统（含水下视觉识别）")
    page.click("#express-partner-interest")
    page.wait_for_load_state("networkidle")
    # Then they are told it was sent, and the demand's exchange shows their note
    assert sent in page.locator("main").inner_text()
    exchange = page.locator("#interest-exchange").inner_text()
    assert "可提供智能投喂控制系统（含水下视觉识别）" in exchange
    _no_raw_codes(page)
    page.context.close()
    # And the owner finds it among the interests received, with the answer form
    owner = _page(browser, base, "unit-haikou", language, viewport)
    owner.goto(f"{base}/matching/interests/?box=received")
    assert owner.locator("#interests button[id^=answer-]").count() == 1
    _no_raw_codes(owner)
    owner.context.close()
