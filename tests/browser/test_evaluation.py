"""Evaluation in Chromium: the joint office fills in and saves a data set in the Chinese UI
(the high-importance rule shows), then in the English UI reads the league table and a scorecard
with its explanation, and computes an allocation scenario."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import login, look_at_main_page
from .textscan import assert_clean, assert_clean_in_both

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dataset_league_scorecard_and_scenario(
    browser: Any, live_server: Any, mechanism_data: None, tmp_path: Any
) -> None:
    from hicoop.core.actors import DEMO
    from hicoop.evaluation import demo
    from hicoop.evaluation.models import DataSet

    demo.ensure_demo(actor=DEMO)
    draft = DataSet.objects.get(status="draft")
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    # Given the joint office in the Chinese UI on the draft data set that breaks a rule
    login(page, base, "office")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/evaluation/datasets/{draft.pk}/")
    assert page.locator("#rule-failures").count() == 1
    assert_clean(page)
    # When it corrects the local funds and saves
    page.fill("#dataset-form input[name=funds_local]", "100")
    page.click("#save-values")
    # Then the record is saved and the high-importance failure is gone
    assert page.locator("#rule-failures").count() == 0
    draft.refresh_from_db()
    assert draft.values["funds_local"] == "100"
    assert "草稿" in page.locator("#dataset-status").inner_text()
    assert_clean(page)
    # When it switches to English and reads the league table and a scorecard
    page.select_option("#language-select", "en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.goto(f"{base}/evaluation/?year=2026")
    assert "League table 2026" in page.locator("h1").inner_text()
    assert_clean(page)
    page.locator(".scorecard-link").first.click()
    explanation = page.locator("#explanation").inner_text()
    assert explanation.startswith(page.locator("#score").inner_text() + " = ")
    assert_clean(page)
    scorecard_url = page.url
    # And computes a scenario with a larger pot
    page.goto(f"{base}/evaluation/allocations/?year=2026")
    assert_clean(page)
    page.fill("#scenario-form input[name=name]", "Scenario 3")
    page.fill("#scenario-form input[name=pot_wan]", "25000")
    page.click("#create-scenario")
    assert "Scenario 3" in page.locator("#scenarios").inner_text()
    assert_clean(page)
    # And every page of the walk reads in both languages, the league at both widths
    pages = [f"{base}/evaluation/datasets/{draft.pk}/", f"{base}/evaluation/datasets/"]
    pages += [f"{base}/evaluation/?year=2026", scorecard_url, page.url]
    assert_clean_in_both(page, pages)
    look_at_main_page(page, f"{base}/evaluation/", tmp_path, "evaluation")
    context.close()
