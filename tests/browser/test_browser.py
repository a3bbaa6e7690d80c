"""Headless Chromium (Debian's package) driven by Playwright: log in, switch language, filter, open."""

from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.actors import OPERATOR

from .conftest import login
from .textscan import assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_switch_language_filter_and_open_party(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    page = browser.new_page()
    # Given a region coordinator on the login page (Chinese by default)
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.fill("#id_username", "shanghai")
    page.fill("#id_password", "hicoop-demo-2026")
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    # When they switch the interface to English
    page.select_option("#language-select", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h2", has_text="The five measures").count() == 1
    assert_clean(page)
    # And filter the party list to parks in the biomedicine field
    page.goto(f"{live_server.url}/parties/")
    page.select_option("select[name=kind]", "park")
    page.select_option("select[name=field]", "biomedicine")
    page.click("#apply-filters")
    page.wait_for_load_state("networkidle")
    names = page.locator("#party-table a.party-link").all_inner_texts()
    assert "Shanghai Zhangjiang National High-tech Industrial Development Zone" in names
    assert all("Shanghai" in n or "Haikou" in n or "Tianfu" in n for n in names)
    assert_clean(page)
    # Then they open one party and see its page
    page.click("text=Chengdu Tianfu International Bio-Town")
    assert page.locator("#party-name").inner_text().startswith("Chengdu Tianfu International")
    assert_clean(page)
    page.screenshot(path=str(tmp_path / "party.png"))
    page.close()


def _login(page: Any, base: str, username: str) -> None:
    login(page, base, username)
    page.wait_for_url(f"{base}/")


def test_demand_submitted_published_and_found(
    browser: Any, live_server: Any, mechanism_data: None
) -> None:
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # Given a Hainan unit member who states a demand in the browser
    _login(page, base, "unit-haikou")
    page.goto(f"{base}/demands/new/")
    assert_clean(page)
    page.fill("#id_title", "椰子水无菌灌装工艺升级合作")
    page.locator("#id_owner").press_sequentially("海口南药", delay=30)
    page.locator("#id_owner-results .picker-option").first.click()
    page.fill("#id_description", "需要合作方提供椰子水低温杀菌与无菌灌装整线工艺，延长货架期。")
    page.select_option("#id_measure", "1")
    page.select_option("#id_mode", "point_to_point")
    page.check("input[name=fields][value=modern-services]")
    page.fill("#id_ends_on", "2027-12-31")
    page.click("#save-listing")
    page.click("#action-submit")
    assert page.locator("#listing-status").inner_text() == "待审核"
    assert_clean(page)
    detail_url = page.url
    context.close()
    # When the joint office publishes it
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "office")
    page.goto(detail_url)
    page.click("#action-publish")
    assert page.locator("#listing-status").inner_text() == "已发布"
    context.close()
    # Then a Shanghai unit finds it by Chinese words of its text, filtered by field
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "unit-shanghai")
    page.goto(f"{base}/demands/")
    page.fill("input[name=q]", "无菌灌装")
    page.select_option("select[name=field]", "modern-services")
    page.click("#apply-filters")
    page.wait_for_load_state("networkidle")
    assert page.locator("#results mark").first.inner_text() in {"无菌", "灌装", "无菌灌装"}
    assert "椰子水无菌灌装工艺升级合作" in page.locator("#results").inner_text()
    assert_clean(page)
    context.close()


@pytest.fixture
def matching_data(mechanism_data: None) -> Any:
    from hicoop.listings import services as listings
    from hicoop.listings.choices import ListingKind
    from hicoop.matchmaking import adapter
    from hicoop.matchmaking.tests.conftest import CAPABILITIES, publish

    adapter.reset_index()
    for owner, title, text, tags, fields, capacity in CAPABILITIES:
        data = {"owner": owner, "title": title, "description": text, "tags": tags}
        data.update({"fields": fields, "capacity": capacity})
        publish(listings.create_listing(kind=ListingKind.CAPABILITY, data=data, actor=OPERATOR))
    demand = listings.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "title": "深远海养殖智能投喂系统合作",
            "owner": "demo-unit-haikou-bio",
            "description": "需要智能投喂控制与水下视觉识别方面的合作伙伴。",
            "measure": 1,
            "mode": "point_to_point",
            "required_capabilities": ["智能投喂控制", "水下视觉识别"],
            "fields": ["deep-sea"],
        },
        actor=OPERATOR,
    )
    yield publish(demand)
    adapter.reset_index()


def test_match_interest_accept_report_and_dashboard(
    browser: Any, live_server: Any, matching_data: Any
) -> None:
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # Given the demand's owner runs 点对点 matching from the demand page
    _login(page, base, "unit-haikou")
    page.goto(f"{base}/demands/{matching_data.pk}/")
    with page.expect_navigation():
        page.click("#run-match")
    first = page.locator("li.candidate").first
    assert "上海深蓝海洋工程研究所" in first.inner_text()
    assert "智能投喂" in first.inner_text() or "投喂" in first.inner_text()
    # When they express interest in the best partner
    with page.expect_navigation():
        first.locator("button").click()
    context.close()
    # And the partner accepts it
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "unit-shanghai")
    page.goto(f"{base}/matching/interests/?box=received")
    page.locator("#interests form.answer button").first.click()
    page.wait_for_url("**/cooperation/items/*/")
    # Then a cooperation item exists, agreed by both; the partner starts it and reports
    assert page.locator("#item-status").inner_text() == "已商定"
    agreement = page.locator("#agreement").inner_text()  # each side's consent, by whom
    assert "海南方: unit-haikou 已同意" in agreement and "合作方: unit-shanghai 已同意" in agreement
    with page.expect_navigation():
        page.click("#action-start")
    assert page.locator("#item-status").inner_text() == "实施中"
    item_url = page.url
    context.close()
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "office")
    page.goto(f"{base}/cooperation/")
    before = page.locator("#overall-progress").inner_text()
    page.goto(item_url)
    page.click("#adjust")
    page.fill("#id_target_joint_projects", "2")
    page.fill("#id_year", "2027")
    page.fill("#id_reason", "推进会决定增加联合项目指标")
    page.click("#save-item")
    page.wait_for_url("**/versions/")
    assert "推进会决定增加联合项目指标" in page.locator("#versions").inner_text()
    page.goto(item_url)
    page.fill("#id_text", "已启动一个联合项目")
    page.fill("#id_value_joint_projects", "1")
    with page.expect_navigation():
        page.click("#submit-report")
    assert page.locator("#item-progress").inner_text() == "50%"
    page.goto(f"{base}/cooperation/")
    assert page.locator("#overall-progress").inner_text() != before
    context.close()
