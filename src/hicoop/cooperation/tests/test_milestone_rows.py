"""Issue 10: an item's milestones are edited as rows (title, due date, done, remove)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hicoop.cooperation.models import CooperationItem
from hicoop.cooperation.tests.factories import make_item, milestone_rows
from hicoop.core.testing import user

pytestmark = pytest.mark.django_db


def office() -> Client:
    client = Client()
    client.force_login(user("office"))
    return client


def adjust(
    item: CooperationItem, rows: list[dict[str, Any]], *, extra: int = 0, goals: str = ""
) -> Any:
    client = office()
    form = client.get(f"/cooperation/items/{item.pk}/adjust/").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update({"year": "2027", "reason": "推进会调整里程碑"})
    if goals:
        data["goals"] = goals
    data.update(milestone_rows(rows, extra=extra))
    return client.post(f"/cooperation/items/{item.pk}/adjust/", data)


def existing(item: CooperationItem) -> list[dict[str, Any]]:
    return [
        {"id": m.pk, "title": m.title, "due_on": m.due_on.isoformat(), "done": bool(m.done_on)}
        for m in item.milestones.order_by("due_on", "pk")
    ]


class TestMilestoneRows:
    def test_the_form_shows_one_row_per_milestone_and_empty_rows_to_add(self) -> None:
        item = make_item(status_path=("agree",))
        page = office().get(f"/cooperation/items/{item.pk}/adjust/").content.decode()
        assert 'value="签订合作协议"' in page and 'value="2026-03-31"' in page
        assert 'name="milestones-TOTAL_FORMS" value="4"' in page  # two milestones, two empty
        assert 'type="date"' in page and "milestones-1-DELETE" in page
        assert "#" not in page.split('id="milestone-rows"')[1].split("</table>")[0]

    def test_edit_add_and_remove_rows_keeping_identity(self) -> None:
        item = make_item(status_path=("agree",))
        first, second = existing(item)
        first.update(title="签订合作协议（补充条款）", due_on="2026-04-30", done=True)
        second["DELETE"] = True
        new = {"title": "中试线验收", "due_on": "2027-05-31"}
        response = adjust(item, [first, second, new], extra=1)
        assert response.status_code == 302, response.content.decode()[:3000]
        kept = {m.title: m for m in item.milestones.all()}
        assert set(kept) == {"签订合作协议（补充条款）", "中试线验收"}
        assert kept["签订合作协议（补充条款）"].pk == first["id"]
        assert kept["签订合作协议（补充条款）"].due_on.isoformat() == "2026-04-30"
        assert kept["签订合作协议（补充条款）"].done_on is not None
        assert kept["中试线验收"].done_on is None

    def test_ticking_and_unticking_done_along_with_an_adjustment(self) -> None:
        item = make_item(status_path=("agree",))
        rows = existing(item)
        rows[0]["done"] = True
        assert adjust(item, rows, goals="目标一").status_code == 302
        rows = existing(item)
        assert rows[0]["done"] is True and rows[1]["done"] is False
        rows[0]["done"] = False
        assert adjust(item, rows, goals="目标二").status_code == 302
        assert item.milestones.get(pk=rows[0]["id"]).done_on is None

    def test_ticking_done_alone_is_no_new_version(self) -> None:
        item = make_item(status_path=("agree",))
        rows = existing(item)
        rows[0]["done"] = True
        response = adjust(item, rows)
        assert response.status_code == 200
        assert "未作修改" in response.content.decode()
        assert item.milestones.filter(done_on__isnull=False).count() == 0

    def test_each_row_shows_its_own_errors_and_keeps_what_was_typed(self) -> None:
        item = make_item(status_path=("agree",))
        rows = existing(item)
        rows[0]["title"] = ""
        rows.append({"title": "样机定型", "due_on": "2027-13-40"})
        response = adjust(item, rows)
        page = response.content.decode()
        assert response.status_code == 200
        table = page.split('id="milestone-rows"')[1]
        first, _rest = table.split("milestones-1-title", 1)
        assert "里程碑须填写标题" in first
        assert 'value="样机定型"' in page and 'value="2027-13-40"' in page
        assert sorted(m.title for m in item.milestones.all()) == ["样机下水试验", "签订合作协议"]

    def test_too_many_rows_are_refused(self) -> None:
        item = make_item(status_path=("agree",))
        rows = [{"title": f"节点{n}", "due_on": "2027-01-01"} for n in range(61)]
        response = adjust(item, rows)
        assert response.status_code == 200
        assert item.milestones.count() == 2
