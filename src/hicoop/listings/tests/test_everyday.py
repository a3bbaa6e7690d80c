"""Everyday editing (issue 10): dates survive an edit in every language, histories read as words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hicoop.core.testing import user
from hicoop.listings.models import Demand
from hicoop.listings.tests.conftest import make_demand

pytestmark = pytest.mark.django_db
DATE_VALUE = re.compile(r'<input type="date"[^>]*?value="([^"]*)"')


def logged_in(username: str, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user(username))
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_edit_form_renders_iso_dates_and_saving_keeps_them(language: str) -> None:
    # Given a demand with a desired start and an end date
    demand = make_demand(actor=user("unit-haikou"), starts_on="2026-02-01")
    client = logged_in("unit-haikou", language)
    # When its owner opens the edit form
    html = client.get(reverse("listings:edit", args=["demands", demand.pk])).content.decode()
    # Then every date input carries an ISO value the browser can show
    values = DATE_VALUE.findall(html)
    assert "2026-02-01" in values and "2027-12-31" in values
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|", v) for v in values), values
    # And saving an unrelated change keeps the dates
    with translation.override(language):
        response = client.post(
            reverse("listings:edit", args=["demands", demand.pk]),
            {**_form_values(html), "title": "深远海养殖网箱智能投喂系统联合研发（二期）"},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    demand = Demand.objects.get(pk=demand.pk)
    assert str(demand.starts_on) == "2026-02-01" and str(demand.ends_on) == "2027-12-31"


def _form_values(html: str) -> dict[str, Any]:
    """What a browser would send back for the form as rendered (inputs, textareas, selects)."""
    form = html[html.index("<form") :]
    data: dict[str, Any] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="file"' in tag or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(value.group(1) if value else "on")
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = text.strip().replace("&#x27;", "'").replace("&quot;", '"')
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_history_shows_labels_not_field_names_ids_or_search_keys() -> None:
    # Given a demand whose owner changed its end date
    demand = make_demand(actor=user("unit-haikou"))
    client = logged_in("unit-haikou", "zh-hans")
    html = client.get(reverse("listings:edit", args=["demands", demand.pk])).content.decode()
    client.post(
        reverse("listings:edit", args=["demands", demand.pk]),
        {**_form_values(html), "ends_on": "2028-06-30"},
    )
    # When the owner reads its page
    page = client.get(reverse("listings:detail", args=["demands", demand.pk])).content.decode()
    history = page[page.index('id="history"') :]
    # Then the change is named by its label, with no field names, ids or search keys
    assert "截止日期" in history or "结束日期" in history or "end date" in history.lower()
    for raw in ("ends_on", "search_tokens", "owner:", "<code>"):
        assert raw not in history, raw
    status = page[page.index('id="status-history"') :]
    assert "draft" not in status and "create" not in status.split("</table>")[0]


def test_status_history_uses_labels() -> None:
    from hicoop.listings.tests.conftest import publish

    demand = publish(make_demand(actor=user("unit-haikou")))
    page = logged_in("office", "zh-hans").get(
        reverse("listings:detail", args=["demands", demand.pk])
    )
    table = page.content.decode().split('id="status-history"')[1].split("</table>")[0]
    assert "已发布" in table and "publish" not in table and "submitted" not in table


def test_english_page_shows_english_status_and_labels() -> None:
    from hicoop.listings.tests.conftest import publish

    demand = publish(make_demand(actor=user("unit-haikou")))
    with translation.override("en"):
        page = logged_in("office", "en").get(
            reverse("listings:detail", args=["demands", demand.pk])
        )
    table = page.content.decode().split('id="status-history"')[1].split("</table>")[0]
    assert "Published" in table and "已发布" not in table
