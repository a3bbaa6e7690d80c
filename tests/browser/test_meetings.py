"""The promotion meeting in Chromium: the joint office creates the meeting and invites a
delegate (Chinese UI), the delegate answers and proposes a topic (English UI), the office
accepts it, builds and finalises the agenda, records a decision that adjusts an item and carries
it out — and the item page links the decision."""

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


def test_meeting_topics_agenda_and_decision(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    from hicoop.cooperation.tests.factories import make_item

    item = make_item(status_path=("agree", "start"))
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # Given the joint office in the Chinese UI creating the year's meeting
    _login(page, base, "office")
    page.goto(f"{base}/meetings/new/")
    assert_clean(page)
    page.fill("#id_title", "2026年推进会（海口）：第一次会议")
    page.fill("#id_starts_on", "2099-12-10")
    page.fill("#id_ends_on", "2099-12-11")
    page.fill("#id_topic_deadline", "2099-12-01")
    page.fill("#id_venue", "海口市")
    page.click("#save-meeting")
    assert page.locator("#meeting-title").inner_text() == "2026年推进会（海口）：第一次会议"
    meeting_url = page.url
    assert_clean(page)
    # And inviting a delegate with a platform account
    page.fill("#invite-form input[name=party]", "demo-unit-haikou-bio")
    page.fill("#invite-form input[name=name]", "王海")
    page.fill("#invite-form input[name=user]", "unit-haikou")
    page.click("#invite")
    assert "王海" in page.locator("#delegate-table").inner_text()
    assert_clean(page)
    context.close()
    # When the delegate answers and proposes a topic in the English UI
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "unit-haikou")
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.goto(meeting_url)
    assert page.locator("h2", has_text="Participating parties and delegates").count() == 1
    assert_clean(page)
    page.click("#delegate-table .rsvp-yes")
    assert "Attending" in page.locator("#delegate-table").inner_text()
    assert_clean(page)
    page.fill("#topic-title", "南药平台开放共享（建议）")
    page.click("#propose")
    assert "南药平台开放共享（建议）" in page.locator("#topic-table").inner_text()
    assert "Proposed" in page.locator("#topic-table").inner_text()
    assert_clean(page)
    context.close()
    # Then the office accepts it, generates and finalises the agenda
    context = browser.new_context()
    page = context.new_page()
    _login(page, base, "office")
    page.goto(meeting_url)
    page.click("#topic-table .topic-accept")
    assert "已采纳" in page.locator("#topic-table").inner_text()
    assert_clean(page)
    page.click("#nav-agenda")
    page.click("#generate-agenda")
    assert page.locator("input.entry-title[value='南药平台开放共享（建议）']").count() == 1
    assert page.locator(f"input.entry-title[value='{item.number} {item.title}']").count() == 1
    assert_clean(page)
    agenda_url = page.url
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#finalize-agenda")
    assert page.locator("#agenda-status").inner_text() == "议程定稿"
    assert_clean(page)
    # And records a decision that adjusts the item, then carries it out
    page.click("#nav-decisions")
    decisions_url = page.url
    assert_clean(page)
    page.select_option("#id_kind", "adjust_item")
    page.fill("#id_title", "调整示范目标")
    page.fill("#id_text", "示范规模扩大为两处。")
    page.fill("#id_item", item.number)
    page.fill("#id_payload", '{"changes": {"goals": "在崖州湾、陵水两处开展示范。"}}')
    page.click("#save-decision")
    assert page.locator("#decision-ref").inner_text().startswith("2026年推进会决定第1项")
    decision_url = page.url
    assert_clean(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#execute-decision")
    assert page.locator("#decision-status").inner_text() == "已执行"
    assert_clean(page)
    page.click("#target-item")
    link = page.locator("#meeting-decisions a.decision-link")
    assert link.inner_text() == "2026年推进会决定第1项"
    assert "在崖州湾、陵水两处开展示范。" in page.content()
    assert_clean(page)
    page.screenshot(path=str(tmp_path / "item.png"), full_page=True)
    # And every page of the walk reads in both languages, the list at both widths
    pages = [meeting_url, agenda_url, decisions_url, decision_url, page.url, f"{base}/meetings/"]
    assert_clean_in_both(page, pages)
    look_at_main_page(page, f"{base}/meetings/", tmp_path, "meetings")
    context.close()
