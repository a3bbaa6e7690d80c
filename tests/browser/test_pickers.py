"""Pickers and milestone rows in Chromium (issue 10), in Chinese and English, at desktop and
phone widths: type part of a unit's name, pick it, save a real record and read the page; edit an
item's milestones as rows and add one with the "Add a row" button."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(os.environ.get("HICOOP_SCREENSHOTS", "/tmp/hicoop-shots"))


def _page(browser: Any, base: str, username: str, language: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # (a failed form is answered 400 and the browser logs that; script errors are what count)
    page.errors = errors
    login(page, base, username)
    page.wait_for_url(f"{base}/")
    return page


CASES = [
    ("zh-hans", DESKTOP, "海口南药", "医药", "海口南药生物科技有限公司（示例）", "医药制造业"),
    ("en", PHONE, "nanyao", "medicines", "Haikou Nanyao Biotech", "Manufacture of medicines"),
]


@pytest.mark.parametrize(
    ("language", "viewport", "unit_typed", "industry_typed", "unit_shown", "industry_shown"),
    CASES,
    ids=["zh-desktop", "en-phone"],
)
def test_a_demand_is_saved_with_picked_owner_and_industry(
    browser: Any,
    live_server: Any,
    mechanism_data: None,
    language: str,
    viewport: dict[str, int],
    unit_typed: str,
    industry_typed: str,
    unit_shown: str,
    industry_shown: str,
) -> None:
    base = live_server.url
    page = _page(browser, base, "unit-haikou", language, viewport)
    page.goto(f"{base}/demands/new/")
    # When the member types part of the unit's name into the owner picker
    page.fill("#id_title", f"南药活性成分快速检测合作 {language}")
    page.locator("#id_owner").press_sequentially(unit_typed, delay=30)
    option = page.locator("#id_owner-results .picker-option").first
    option.wait_for()
    # Then the unit is offered with its park, and a wrong guess says so clearly
    assert unit_shown in option.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"picker-{language}-{viewport['width']}.png"), full_page=False)
    option.click()
    chip = page.locator(".picker-chip", has_text=unit_shown)
    assert chip.count() == 1 and page.locator("#id_owner").input_value() == ""
    page.locator("#id_industries").press_sequentially(industry_typed, delay=30)
    page.locator("#id_industries-results .picker-option").first.wait_for()
    page.locator("#id_industries-results .picker-option", has_text=industry_shown).first.click()
    page.locator("#id_industries").press_sequentially("zzzz", delay=30)
    empty = page.locator("#id_industries-results .picker-empty")
    empty.wait_for()
    assert empty.inner_text() == ("无匹配" if language == "zh-hans" else "No match")
    page.fill("#id_industries", "")
    # And leaves the description empty, so the form fails and comes back
    page.select_option("#id_measure", "1")
    page.select_option("#id_mode", "point_to_point")
    page.fill("#id_contact_phone", "0898-666")
    page.click("#save-listing")
    page.locator('[data-field="description"]').wait_for()
    # Then the picked owner and industry are still there, labelled; the bad phone is explained
    assert page.locator(".picker-chip", has_text=unit_shown).count() == 1
    assert page.locator(".picker-chip", has_text=industry_shown).count() == 1
    assert "0898-66668888" in page.locator('[data-field="contact_phone"]').inner_text()
    page.fill("#id_description", "需要合作方提供南药活性成分的快速检测方法与设备。")
    page.fill("#id_contact_phone", "0898-66668888")
    page.click("#save-listing")
    page.wait_for_url(f"{base}/demands/*/")
    # And the saved record shows the unit and the industry by name
    main = page.locator("main").inner_text()
    assert unit_shown in main and industry_shown.lower() in main.lower()
    page.screenshot(path=str(SHOTS / f"picker-saved-{language}-{viewport['width']}.png"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1
    assert page.errors == []


@pytest.mark.parametrize(
    ("language", "viewport"), [("zh-hans", DESKTOP), ("en", PHONE)], ids=["zh-desktop", "en-phone"]
)
def test_milestones_are_edited_as_rows(
    browser: Any, live_server: Any, mechanism_data: None, language: str, viewport: dict[str, int]
) -> None:
    from hicoop.cooperation.tests.factories import make_item

    item = make_item(status_path=("agree",))
    base = live_server.url
    page = _page(browser, base, "office", language, viewport)
    page.goto(f"{base}/cooperation/items/{item.pk}/adjust/")
    # Given two milestones shown as rows and the "Add a row" button
    assert page.locator("#milestone-rows tbody tr").count() == 4
    page.fill("input[name='milestones-0-title']", "签订合作协议（含补充条款）")
    page.check("input[name='milestones-1-DELETE']")
    page.click("[data-rows-add]")
    assert page.locator("#milestone-rows tbody tr").count() == 5
    page.fill("input[name='milestones-4-title']", "中试线验收")
    page.fill("input[name='milestones-4-due_on']", "2027-05-31")
    page.locator("#id_hainan_parties").press_sequentially("海口", delay=30)
    page.locator("#id_hainan_parties-results .picker-option").first.wait_for()
    # (the unit already on the Hainan side is not offered again)
    offered = page.locator("#id_hainan_parties-results").inner_text()
    assert "Nanyao" not in offered and "南药" not in offered
    page.fill("#id_year", "2027")
    page.fill("#id_reason", "推进会调整里程碑")
    page.screenshot(path=str(SHOTS / f"rows-{language}-{viewport['width']}.png"), full_page=True)
    page.fill("#id_hainan_parties", "")
    page.click("#save-item")
    page.wait_for_url(f"{base}/cooperation/items/{item.pk}/versions/")
    page.goto(f"{base}/cooperation/items/{item.pk}/")
    main = page.locator("main").inner_text()
    assert "签订合作协议（含补充条款）" in main and "中试线验收" in main
    assert "样机下水试验" not in main
    assert page.errors == []
