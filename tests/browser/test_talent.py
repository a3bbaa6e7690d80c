"""The negative list in a real browser: a foreign-talent officer drafts a version, adds and edits
an entry in Chinese, edits it again in English, and reads the page in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login, look_at_main_page
from .textscan import assert_clean, assert_clean_in_both

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_edits_and_saves_a_draft_entry_in_zh_and_en(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    base = live_server.url
    page = browser.new_context().new_page()
    login(page, base, "talent-officer")
    page.wait_for_url(f"{base}/")
    # Given a new draft version written in Chinese
    page.goto(f"{base}/talent/versions/new/")
    assert_clean(page)
    page.fill("input[name=number]", "B2027")
    page.fill("input[name=title]", "浏览器测试清单（演示数据）")
    page.fill("input[name=effective_from]", "2027-01-01")
    page.click("#save-version")
    assert page.locator("#version-status").inner_text() == "草稿"
    assert_clean(page)
    version_url = page.url
    # When the officer adds an entry and then edits its conditions
    form = page.locator("#entry-add")
    form.locator("input[name=code]").fill("T-01")
    form.locator("input[name=industry]").fill("72")
    form.locator("select[name=restriction]").select_option("restricted")
    form.locator("textarea[name=conditions]").fill("须与中方机构合作")
    form.locator("input[name=legal_reference]").fill("演示依据 第一条")
    page.click("#add-entry")
    assert "须与中方机构合作" in page.locator("#entry-T-01").inner_text()
    assert_clean(page)
    page.click("#entries details summary")
    page.fill("#edit-T-01 textarea[name=conditions]", "须与中方机构合作\n外籍人员占比不超过三成")
    page.click("#save-T-01")
    # Then the page shows the saved entry in Chinese
    row = page.locator("#entry-T-01").inner_text()
    assert "外籍人员占比不超过三成" in row and "限制" in row
    assert_clean(page)
    # When the page is switched to English and the entry edited again
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("#version-status").inner_text() == "Draft"
    assert_clean(page)
    page.click("#entries details summary")
    page.select_option("#edit-T-01 select[name=restriction]", "prohibited")
    page.click("#save-T-01")
    # Then it reads in English, conditions dropped for a prohibition
    row = page.locator("#entry-T-01").inner_text()
    assert "Prohibited" in row and "外籍人员占比" not in row
    assert "Entries" in page.content()
    assert_clean(page)
    # And the pages read in both languages, the home page at both widths
    pages = [version_url, f"{base}/talent/", f"{base}/talent/versions/new/"]
    assert_clean_in_both(page, [*pages, f"{base}/talent/permits/"])
    look_at_main_page(page, f"{base}/talent/", tmp_path, "talent")
