"""Building cooperation records for tests through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hicoop.cooperation import services
from hicoop.core.actors import OPERATOR

TODAY = dt.date(2026, 11, 24)


def item_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "深远海养殖装备联合研制",
        "measure": 1,
        "mode": "point_to_point",
        "fields": ["deep-sea", "marine-equipment"],
        "goals": "共同研制抗台风深远海养殖平台并在崖州湾示范应用。",
        "hainan_parties": ["demo-unit-haikou-bio"],
        "partner_parties": ["demo-unit-shanghai-ocean"],
        "hainan_lead": "王海",
        "partner_lead": "李申",
        "year": 2026,
        "indicators": [
            {"kind": "joint_projects", "target": "2"},
            {"kind": "funds", "target": "500"},
        ],
        "milestones": [
            {"title": "签订合作协议", "due_on": "2026-03-31"},
            {"title": "样机下水试验", "due_on": "2026-10-31"},
        ],
    }
    data.update(overrides)
    return data


def agree_both_sides(item: Any) -> Any:
    """Both sides agree to ``item``, each for itself (as their people would on the item's page)."""
    for side in ("hainan", "partner"):
        services.agree_item(
            item=item, actor=OPERATOR, side=side, reason="双方签署合作协议", trusted=True
        )
    return item


def make_item(actor: Any = OPERATOR, *, status_path: tuple[str, ...] = (), **overrides: Any) -> Any:
    item = services.create_item(data=item_data(**overrides), actor=actor, on=TODAY)
    for action in status_path:
        if action == "agree":
            agree_both_sides(item)
        else:
            services.transition_item(item=item, action=action, actor=OPERATOR)
    return item


def milestone_rows(rows: list[dict[str, Any]], *, extra: int = 0) -> dict[str, str]:
    """The item form's milestone rows as a browser posts them (management form included)."""
    data = {
        "milestones-TOTAL_FORMS": str(len(rows) + extra),
        "milestones-INITIAL_FORMS": str(sum(1 for r in rows if r.get("id"))),
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "60",
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            if value in (None, False):
                continue
            data[f"milestones-{n}-{key}"] = "on" if value is True else str(value)
    return data
