"""The policy catalogue in a real browser: the joint office writes and publishes a policy in
Chinese, edits its English text in English, a visitor finds a clause by Chinese search, and a
unit cites a clause from its demand's page."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = """## 第一章 总则

第一条 为支持离岸孵化器建设，制定本措施。

第二条 对在园区新设立离岸孵化器的单位，给予一次性落户奖励。
"""


def _logged_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context().new_page()
    login(page, base, username)
    page.wait_for_url(f"{base}/")
    return page


def test_office_writes_visitor_finds_unit_cites(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    base = live_server.url
    # Given the joint office writing a new policy in Chinese
    page = _logged_in(browser, base, "office")
    page.goto(f"{base}/policies/new/")
    page.fill("#id_title", "离岸孵化器落户奖励办法（演示数据）")
    page.select_option("#id_issuer", label="海南省科学技术厅")
    page.select_option("#id_level", "normative_document")
    page.select_option("#id_category", "innovation")
    page.fill("#id_benefit_summary", "新设离岸孵化器给予一次性落户奖励。")
    page.fill("#id_benefit_clauses", "第二条")
    page.fill("#id_effective_from", "2025-01-01")
    page.fill("#id_full_text", TEXT)
    page.click("#save-policy")
    assert page.locator("#policy-title").inner_text() == "离岸孵化器落户奖励办法（演示数据）"
    assert page.locator("#policy-status").inner_text() == "草稿"
    page.click("#action-publish")
    assert page.locator("#policy-status").inner_text() == "现行有效"
    detail = page.url
    # When the office switches to English and adds the English title
    page.select_option("#language-select", "en")
    page.wait_for_load_state("networkidle")
    page.click("#edit-policy")
    page.fill("#id_title_en", "Offshore incubator settlement award (demo data)")
    page.fill("#id_benefit_summary_en", "A one-off award for new offshore incubators.")
    page.click("#save-policy")
    assert (
        page.locator("#policy-title").inner_text()
        == "Offshore incubator settlement award (demo data)"
    )
    assert page.locator("#policy-status").inner_text() == "Current"
    page.screenshot(path=str(tmp_path / "policy-en.png"), full_page=True)
    # Then an anonymous visitor finds the clause by Chinese words, highlighted
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/policies/?q=落户奖励")
    hits = visitor.locator("ul.clause-hits li").all_inner_texts()
    assert any("第二条" in h for h in hits)
    assert visitor.locator("ul.clause-hits mark").count() >= 1
    visitor.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    # And a Haikou unit cites 第二条 from its demand's page
    from hicoop.core.testing import user
    from hicoop.listings import services
    from hicoop.listings.choices import ListingKind

    demand = services.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "title": "离岸孵化器合作（演示数据）",
            "owner": "demo-unit-haikou-bio",
            "description": "寻求孵化运营合作方。",
            "measure": 2,
            "mode": "point_to_point",
        },
        actor=user("unit-haikou"),
    )
    unit = _logged_in(browser, base, "unit-haikou")
    unit.goto(f"{base}/demands/{demand.pk}/")
    unit.select_option("#cite-policy", label="离岸孵化器落户奖励办法（演示数据）")
    unit.fill("#cite-clause", "第2条")
    unit.click("#cite-submit")
    cited = unit.locator("#policy-citations li.citation").inner_text()
    assert "第二条" in cited and "离岸孵化器落户奖励办法" in cited
    unit.screenshot(path=str(tmp_path / "citation.png"), full_page=True)
    assert detail.startswith(base)
