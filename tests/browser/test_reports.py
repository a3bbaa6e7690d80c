"""Reports in a real browser: the joint office makes the 2025 annual report in Chinese and a
coordinator makes their region's in English, both read the stored report; the network is drawn
by the vendored ECharts; an anonymous visitor reads the public progress page."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login, look_at_main_page
from .textscan import assert_clean, assert_clean_in_both

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logged_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context().new_page()
    login(page, base, username)
    page.wait_for_url(f"{base}/")
    return page


def test_reports_in_chinese_and_english(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    # the mechanism's own pairings and key tasks (no demo records: the test stays quick)
    base = live_server.url
    # Given the joint office on the reports page, in Chinese
    page = _logged_in(browser, base, "office")
    page.goto(f"{base}/reports/")
    assert_clean(page)
    page.fill("#id_year", "2025")
    page.click("#make-report")
    # When the job has run (tests run jobs inline: the job page follows once it is done)
    page.wait_for_url("**/jobs/**", timeout=600_000)
    page.goto(f"{base}/reports/")
    page.locator("#reports a").first.click()
    # Then the report reads in Chinese, with its chapters and downloads
    assert "2025" in page.locator("#report-title").inner_text()
    assert "五项主要措施" in page.locator("#section-measures h2").inner_text()
    assert "科技园区对口帮扶" in page.locator("#section-pairings h2").inner_text()
    assert "本年度尚无数据" in page.locator("#section-transfer").inner_text()
    assert page.locator("#downloads a").count() == 3
    assert_clean(page)
    report_url = page.url
    page.screenshot(path=str(tmp_path / "report-zh.png"), full_page=True)
    # And the network is drawn by ECharts (a canvas), filters and table under it
    page.goto(f"{base}/reports/network/")
    page.wait_for_selector("#network-chart canvas")
    assert page.locator("#network-table tbody tr").count() >= 1
    assert_clean(page)
    # Given the Shanghai coordinator in English
    other = _logged_in(browser, base, "shanghai")
    other.select_option("#language-select", "en")
    other.wait_for_function("document.documentElement.lang === 'en'")
    other.goto(f"{base}/reports/")
    assert_clean(other)
    other.fill("#id_year", "2025")
    other.select_option("#id_language", "en")
    other.click("#make-report")
    other.wait_for_url("**/jobs/**", timeout=600_000)
    other.goto(f"{base}/reports/")
    rows = other.locator("#reports tbody tr")
    assert rows.count() == 1  # the office's report is not theirs to read
    assert_clean(other)
    other.locator("#reports a").first.click()
    assert "The five measures" in other.locator("#section-measures h2").inner_text()
    assert "湖南" not in other.content()
    assert_clean(other)
    other.screenshot(path=str(tmp_path / "report-en.png"), full_page=True)
    # And an anonymous visitor reads the public progress page
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/reports/progress/")
    assert "合作机制进展" in visitor.locator("h1").inner_text()
    assert_clean(visitor)
    assert_clean_in_both(visitor, [f"{base}/reports/progress/"])
    # And the office's pages read in both languages, the list at both widths
    assert_clean_in_both(page, [report_url, f"{base}/reports/network/", f"{base}/reports/"])
    look_at_main_page(page, f"{base}/reports/", tmp_path, "reports")
