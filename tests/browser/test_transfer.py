"""Technology transfer in Chromium: a Shanghai unit member records a licence contract to a
Hainan unit and signs it (Chinese UI), edits it after a refused registration number (English UI),
the joint office registers it, and the flows page and the achievement page show it."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login, look_at_main_page
from .textscan import assert_clean, assert_clean_in_both

# CI runs this walk once, in the PostgreSQL leg (marker postgres_leg: balances the two legs)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres_leg,
    pytest.mark.django_db(transaction=True),
]


def _login(page: Any, base: str, username: str) -> None:
    login(page, base, username)
    page.wait_for_url(f"{base}/")


def test_record_edit_register_and_read(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    from hicoop.transfer.tests.factories import achievement

    sonar = achievement()
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # Given a Shanghai unit member in the Chinese UI recording a licence of its achievement
    _login(page, base, "unit-shanghai")
    page.goto(f"{base}/transfer/new/")
    assert_clean(page)
    page.fill("#id_title", "声呐技术许可合同（浏览器）")
    page.fill("#id_achievement", str(sonar.pk))
    page.fill("#id_seller", "demo-unit-shanghai-ocean")
    page.fill("#id_buyer", "demo-unit-haikou-bio")
    page.select_option("#id_contract_type", "licence")
    page.fill("#id_amount", "120")
    page.fill("#id_signed_on", "2026-03-03")
    page.fill("#id_registration_number", "12345")
    page.click("#save-transfer")
    # Then a malformed registration number is refused with a clear Chinese message
    assert "18位数字" in page.locator("#transfer-form").inner_text()
    assert_clean(page)
    page.fill("#id_registration_number", "")
    page.click("#save-transfer")
    assert page.locator("#transfer-title").inner_text() == "声呐技术许可合同（浏览器）"
    assert page.locator("#transfer-status").inner_text() == "草稿"
    detail_url = page.url
    assert_clean(page)
    page.click("#step-sign")
    assert page.locator("#transfer-status").inner_text() == "已签订"
    assert_clean(page)
    # When the member switches to English and edits the amount
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.click("#edit-transfer")
    assert_clean(page)
    page.fill("#id_amount", "150")
    page.fill("#id_technology_amount", "200")
    page.click("#save-transfer")
    assert "may not exceed the contract amount" in page.locator("#transfer-form").inner_text()
    assert_clean(page)
    page.fill("#id_technology_amount", "140")
    page.click("#save-transfer")
    assert page.locator("#transfer-amount").inner_text() == "150.00"
    assert page.locator("#transfer-status").inner_text() == "Signed"
    assert page.locator("#step-register").count() == 0  # the office's step
    assert_clean(page)
    context.close()
    # Then the joint office registers it, and sees it in the flows and on the achievement page
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "office")
    page.goto(detail_url)
    page.fill("#step-registration", "202631010000007777")
    page.click("#step-register")
    assert page.locator("#transfer-status").inner_text() == "已登记"
    assert page.locator("#transfer-registration").inner_text() == "202631010000007777"
    assert_clean(page)
    page.goto(f"{base}/transfer/flows/?year=2026")
    assert "海口国家高新技术产业开发区" in page.locator("#flow-links").inner_text()
    assert page.locator("#sankey canvas").count() == 1
    assert_clean(page)
    page.goto(f"{base}/achievements/{sonar.pk}/")
    assert "声呐技术许可合同（浏览器）" in page.locator("#transfer-panel").inner_text()
    assert_clean(page)
    # And every page of the walk reads in both languages, the list at both widths
    pages = [
        detail_url,
        f"{base}/transfer/new/",
        f"{base}/transfer/{detail_url.split('/')[-2]}/edit/",
    ]
    pages += [f"{base}/transfer/flows/?year=2026", page.url, f"{base}/transfer/"]
    assert_clean_in_both(page, pages)
    look_at_main_page(page, f"{base}/transfer/", tmp_path, "transfer")
    context.close()
