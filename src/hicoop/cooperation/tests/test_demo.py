from __future__ import annotations

from typing import Any

import pytest

from hicoop.cooperation import demo, selectors
from hicoop.cooperation.choices import ItemStatus, TaskStatus
from hicoop.cooperation.demo import DEMO_TODAY, DemoDataError, ensure_demo_cooperation
from hicoop.cooperation.models import CooperationItem, KeyTask, Pairing, ProgressReport
from hicoop.core.testing import party, user
from hicoop.listings.demo import ensure_demo_listings

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(module_db: None, django_db_blocker: Any) -> dict[str, int]:
    """The demo, made once for this module's tests that read it (``module_db``)."""
    with django_db_blocker.unblock():
        ensure_demo_listings()
        return ensure_demo_cooperation()


@pytest.fixture
def counts(made: dict[str, int], db: Any) -> dict[str, int]:
    return dict(made)


def _involves(item: CooperationItem, root_key: str) -> bool:
    root = party(root_key)
    return any(s.party.path.startswith(root.path) for s in item.sides.all())


def test_pairings_tasks_items_and_versions(counts: dict[str, int]) -> None:
    assert counts["items"] == CooperationItem.objects.count() >= 16
    for pairing in Pairing.objects.all():
        assert pairing.platforms.exists(), pairing.key
        assert 3 <= pairing.activities.count() <= 6, pairing.key
        assert pairing.results.exists(), pairing.key
    talent = Pairing.objects.get(key="prd-sz-yazhou").activities.filter(kind="talent")
    assert talent.exists() and all(a.talents > 0 for a in talent)

    tasks = list(KeyTask.objects.all())
    assert len(tasks) == 12
    assert all(t.milestones.count() >= 2 for t in tasks)
    completed = {t.number for t in tasks if t.status == TaskStatus.COMPLETED}
    assert len(completed) >= 3 and {1, 7, 9} <= completed
    assert all(t.progress == 1.0 for t in tasks if t.number in completed)
    assert all(0 < t.progress < 1 for t in tasks if t.status == TaskStatus.IN_PROGRESS)

    items = list(CooperationItem.objects.prefetch_related("sides__party"))
    assert len({i.status for i in items}) >= 5
    assert set(ItemStatus.values) <= {i.status for i in items}
    assert {i.mode for i in items} == {"one_to_one", "point_to_point", "many_to_one"}
    assert {i.measure.number for i in items} == {1, 2, 3, 4, 5}
    assert {i.pairing.key for i in items if i.pairing} == {p.key for p in Pairing.objects.all()}
    assert sum(_involves(i, "hunan") for i in items) >= 2
    ocean, bio = party("demo-unit-shanghai-ocean"), party("demo-unit-haikou-bio")
    assert sum(any(s.party in (ocean, bio) for s in i.sides.all()) for i in items) >= 3
    assert not ProgressReport.objects.filter(as_of__gt=DEMO_TODAY).exists()

    # One item was adjusted (动态调整), so its versions page has two versions to compare.
    assert counts["adjustments"] == 1
    item = CooperationItem.objects.get(version=2)
    first, second = item.versions.order_by("number")
    assert (first.number, second.number, second.year) == (1, 2, 2025)
    assert second.decision_ref == "2025年度合作机制推进会决定第3项"
    assert second.changes["indicators.funds.target"] == ["300", "500"]
    assert item.milestones.count() == 3


def test_demo_users_inbox_and_a_second_call(counts: dict[str, int]) -> None:
    hunan_items = list(CooperationItem.objects.visible_to(user("hunan")))
    assert len(hunan_items) >= 2
    assert all(_involves(i, "hunan") for i in hunan_items)
    everything = CooperationItem.objects.prefetch_related("sides__party")
    assert {i.pk for i in hunan_items} == {i.pk for i in everything if _involves(i, "hunan")}
    for username in ("unit-shanghai", "unit-haikou", "shanghai", "haikou-park"):
        assert CooperationItem.objects.visible_to(user(username)).count() >= 2, username

    inbox = selectors.inbox(user=user("office"), on=DEMO_TODAY)
    assert 2 <= len(inbox["overdue"]) <= 5
    assert inbox["missing"] and inbox["proposed"]

    assert all(counts.values())
    assert ensure_demo_cooperation() == dict.fromkeys(counts, 0)


def test_unknown_party_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    bad: dict[str, Any] = {
        "items": [
            {
                "title": "不存在的合作方",
                "measure": 1,
                "mode": "one_to_one",
                "year": 2026,
                "hainan_parties": ["demo-u-no-such-unit"],
                "partner_parties": ["mechanism:hunan"],
            }
        ]
    }
    monkeypatch.setattr(demo, "_load", lambda: bad)
    with pytest.raises(DemoDataError, match="demo-u-no-such-unit"):
        ensure_demo_cooperation()
