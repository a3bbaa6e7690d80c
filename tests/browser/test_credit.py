"""Credit supervision in a real browser: an officer registers an employer (screening on the
way), records an event with evidence in Chinese and reads the score explained; in English
records a second one and reads the explanation adding up."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login, look_at_main_page
from .textscan import assert_clean, assert_clean_in_both

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_event_and_reads_explanation(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    base = live_server.url
    page = browser.new_context().new_page()
    login(page, base, "office")
    page.wait_for_url(f"{base}/")
    # Given a registered employer (in Chinese)
    page.goto(f"{base}/credit/new/")
    assert_clean(page)
    page.select_option("#id_kind", "employer")
    from hicoop.accounts.demo import DEMO_UNITS

    ocean = next(u for u in DEMO_UNITS if u.key == "demo-unit-shanghai-ocean")
    page.fill("#id_identifier", ocean.credit_code)
    page.fill("#id_name", "上海深蓝海洋工程研究所（演示数据）")
    page.click("#subject-save")
    assert page.locator("#subject-name").inner_text().startswith("上海深蓝海洋工程研究所")
    assert page.locator("#grade").inner_text() == "A"
    assert_clean(page)
    detail_url = page.url
    # When the officer records an event with evidence
    evidence = tmp_path / "处罚决定书.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n")
    page.select_option("#id_event_kind", "illegal-employment")
    page.fill("#id_occurred_on", "2026-10-01")
    page.fill("#id_description", "聘用未取得工作许可的外国人（演示数据）")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#event-save")
    # Then the explanation shows the event and the grade D
    assert page.locator("#grade").inner_text() == "D"
    assert page.locator("#explained-total").inner_text() == "60"
    lines = page.locator("#explanation tr.explain-line").all_inner_texts()
    assert len(lines) == 1 and "非法聘用外国人" in lines[0] and "计分" in lines[0]
    assert "处罚决定书.pdf" in page.locator("#events").inner_text()
    assert_clean(page)
    page.screenshot(path=str(tmp_path / "credit-zh.png"), full_page=True)
    # When in English a commendation is recorded
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert "How the score adds up" in page.locator("#explanation").inner_text()
    assert_clean(page)
    page.select_option("#id_event_kind", "commendation")
    page.fill("#id_occurred_on", "2026-11-01")
    page.fill("#id_description", "Commended for its foreign-expert services (demo data)")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#event-save")
    # Then the lines add up to the total: 100 − 40 + 10 = 70, grade C
    assert page.locator("#explained-total").inner_text() == "70"
    assert page.locator("#grade").inner_text() == "C"
    rows = page.locator("#explanation tr.explain-line").all_inner_texts()
    assert len(rows) == 2 and all("counts" in r for r in rows)
    assert_clean(page)
    page.screenshot(path=str(tmp_path / "credit-en.png"), full_page=True)
    # And the pages read in both languages, the list at both widths
    pages = [detail_url, f"{base}/credit/new/", f"{base}/credit/", f"{base}/credit/public/"]
    assert_clean_in_both(page, [*pages, f"{base}/credit/catalogue/"])
    look_at_main_page(page, f"{base}/credit/", tmp_path, "credit")
