"""Demo cooperation records (written for the project) loaded by ``hicoop demo``.

``demo_data/cooperation.json`` holds, for the four park pairings, co-built platforms, activities
and results; for the twelve key tasks, a milestone plan, progress reports and a target status;
and cooperation items between Hainan units and partner units, with indicators, milestones,
reports and one dynamic adjustment. Everything goes through the real services and lifecycles,
so the demo shows real status histories, versions and progress. Party references are demo unit
keys (``demo-…``) or ``mechanism:KEY``; the listing demo units must exist
(``ensure_demo_listings()`` runs first). ``milestones_done`` in a report lists 1-based positions
in the record's milestones (those added by an adjustment come after the original ones).

Loading is idempotent: an item whose title exists, a task that already has milestones (or has
left "planned") and pairing rows already entered are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.db import transaction

from hicoop.cooperation import services
from hicoop.cooperation.choices import ItemStatus, Side, TaskStatus
from hicoop.cooperation.models import CooperationItem, KeyTask, Pairing
from hicoop.core.actors import DEMO
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party

DATA_FILE = Path(__file__).resolve().parent / "demo_data" / "cooperation.json"
# The demo's "today": reports are dated up to this day.
DEMO_TODAY = dt.date(2026, 11, 24)
DEMO_MARK = "（演示数据）"

# Lifecycle actions before the reports and the closing action after them, per target status.
ITEM_PATHS: dict[str, tuple[tuple[str, ...], str]] = {
    ItemStatus.PROPOSED: ((), ""),
    ItemStatus.AGREED: (("agree",), ""),
    ItemStatus.IN_PROGRESS: (("agree", "start"), ""),
    ItemStatus.COMPLETED: (("agree", "start"), "complete"),
    ItemStatus.SUSPENDED: (("agree", "start"), "suspend"),
    ItemStatus.TERMINATED: (("agree",), "terminate"),
}
TASK_PATHS: dict[str, tuple[tuple[str, ...], str]] = {
    TaskStatus.PLANNED: ((), ""),
    TaskStatus.IN_PROGRESS: (("start",), ""),
    TaskStatus.COMPLETED: (("start",), "complete"),
    TaskStatus.SUSPENDED: (("start",), "suspend"),
}
# Keys of an item row that are not item content ("agreed_sides": a proposed item's sides that
# already agreed, so the demo shows an item waiting for the other side).
ITEM_EXTRAS = {"status", "status_reason", "reports", "adjustments", "agreed_sides"}
# Each side agrees for itself (ADR 0047); the demo records both, as the signed agreement.
AGREE_REASON = "合作协议已由双方签署（演示数据）"

COUNT_KEYS = (
    "platforms",
    "activities",
    "results",
    "tasks",
    "task_reports",
    "items",
    "item_reports",
    "adjustments",
)


class DemoDataError(RuntimeError):
    """The demo data refers to something that does not exist."""


def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text("utf-8"))
    return data


def _mark(text: str) -> str:
    text = text.strip()
    return text if not text or "演示数据" in text else f"{text}{DEMO_MARK}"


def _party_ref(ref: str, where: str) -> str:
    """The external id of a party reference, checked to exist."""
    external = ref if ref.startswith("demo-") or ":" in ref else mechanism_key(ref)
    if not Party.objects.filter(external_id=external).exists():
        raise DemoDataError(
            f"{where}: unknown party {ref!r}. Demo units come from ensure_demo_accounts() and "
            "ensure_demo_listings(), mechanism parties from load-mechanism; load them first."
        )
    return external


def _positions(ids: list[int], positions: list[int], where: str) -> list[int]:
    try:
        return [ids[n - 1] for n in positions if n >= 1]
    except IndexError:
        raise DemoDataError(f"{where}: milestone position out of range {positions}") from None


# ---------------------------------------------------------------- pairings


def _ensure_pairing(key: str, rows: dict[str, Any], counts: dict[str, int]) -> None:
    pairing = Pairing.objects.filter(key=key).first()
    if pairing is None:
        raise DemoDataError(f"Unknown park pairing {key!r}; run load-mechanism first.")
    for row in rows.get("platforms", []):
        if pairing.platforms.filter(name=row["name"]).exists():
            continue
        data = {**row, "description": _mark(row.get("description", ""))}
        services.add_platform(pairing=pairing, data=data, actor=DEMO)
        counts["platforms"] += 1
    for row in rows.get("activities", []):
        if pairing.activities.filter(held_on=row["held_on"], title=row["title"]).exists():
            continue
        data = {**row, "description": _mark(row.get("description", ""))}
        services.add_activity(pairing=pairing, data=data, actor=DEMO)
        counts["activities"] += 1
    for row in rows.get("results", []):
        if pairing.results.filter(achieved_on=row["achieved_on"], title=row["title"]).exists():
            continue
        data = {**row, "description": _mark(row.get("description", ""))}
        services.add_result(pairing=pairing, data=data, actor=DEMO)
        counts["results"] += 1


# ---------------------------------------------------------------- key tasks


def _ensure_task(row: dict[str, Any], counts: dict[str, int]) -> None:
    task = KeyTask.objects.filter(number=row["number"]).first()
    if task is None:
        raise DemoDataError(f"Unknown key task {row['number']}; run load-mechanism first.")
    if task.status != TaskStatus.PLANNED or task.milestones.exists() or task.reports.exists():
        return
    where = f"key task {task.number}"
    services.plan_task_milestones(
        task=task, milestones=row["milestones"], actor=DEMO, reason="演示数据"
    )
    ids = list(task.milestones.order_by("pk").values_list("pk", flat=True))
    before, final = TASK_PATHS[row.get("status", TaskStatus.IN_PROGRESS)]
    for action in before:
        services.transition_task(task=task, action=action, actor=DEMO)
    for report in sorted(row.get("reports", []), key=lambda r: str(r["as_of"])):
        services.submit_task_report(
            task=task,
            actor=DEMO,
            on=DEMO_TODAY,
            as_of=report["as_of"],
            text=_mark(report["text"]),
            milestones_done=_positions(ids, report.get("milestones_done", []), where),
        )
        counts["task_reports"] += 1
    if final:
        services.transition_task(
            task=task, action=final, actor=DEMO, reason=row.get("status_reason", "")
        )
    counts["tasks"] += 1


# ---------------------------------------------------------------- items


def _item_data(row: dict[str, Any], where: str) -> dict[str, Any]:
    data = {k: v for k, v in row.items() if k not in ITEM_EXTRAS}
    for name in ("hainan_parties", "partner_parties"):
        if name in data:
            data[name] = [_party_ref(ref, where) for ref in data[name]]
    if "goals" in data:
        data["goals"] = _mark(data["goals"])
    return data


def _adjust(item: CooperationItem, adjustment: dict[str, Any], where: str) -> None:
    data = _item_data(adjustment.get("changes", {}), where)
    added = adjustment.get("add_milestones", [])
    if added:
        kept = [
            {"id": m.pk, "title": m.title, "due_on": m.due_on.isoformat(), "weight": m.weight}
            for m in item.milestones.order_by("pk")
        ]
        data["milestones"] = [*kept, *added]
    services.adjust_item(
        item=item,
        data=data,
        actor=DEMO,
        year=int(adjustment["year"]),
        reason=adjustment["reason"],
        decision_ref=adjustment.get("decision_ref", ""),
    )


def _ensure_item(row: dict[str, Any], counts: dict[str, int]) -> None:
    if CooperationItem.objects.filter(title=row["title"]).exists():
        return
    where = f"cooperation item {row['title']!r}"
    item = services.create_item(data=_item_data(row, where), actor=DEMO, on=DEMO_TODAY)
    before, final = ITEM_PATHS[row.get("status", ItemStatus.PROPOSED)]
    agreeing = list(Side.values) if "agree" in before else row.get("agreed_sides", [])
    for side in agreeing:
        services.agree_item(item=item, actor=DEMO, side=side, reason=AGREE_REASON, trusted=True)
    for action in (a for a in before if a != "agree"):
        services.transition_item(item=item, action=action, actor=DEMO)
    # Reports and adjustments in date order (an adjustment may add milestones reported later).
    steps = [(str(r["as_of"]), 0, r) for r in row.get("reports", [])]
    steps += [(str(a["on"]), 1, a) for a in row.get("adjustments", [])]
    for _date, kind, step in sorted(steps, key=lambda s: (s[0], s[1])):
        if kind == 1:
            _adjust(item, step, where)
            counts["adjustments"] += 1
            continue
        ids = list(item.milestones.order_by("pk").values_list("pk", flat=True))
        services.submit_item_report(
            item=item,
            actor=DEMO,
            on=DEMO_TODAY,
            as_of=step["as_of"],
            text=_mark(step["text"]),
            values=step.get("values", {}),
            milestones_done=_positions(ids, step.get("milestones_done", []), where),
        )
        counts["item_reports"] += 1
    if final:
        services.transition_item(
            item=item, action=final, actor=DEMO, reason=row.get("status_reason", "")
        )
    counts["items"] += 1


@transaction.atomic
def ensure_demo_cooperation() -> dict[str, int]:
    """Create the demo pairing records, key-task progress and items that are missing.

    Returns how many of each were created (all zeros on a second call).
    """
    data = _load()
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for key, rows in data.get("pairings", {}).items():
        _ensure_pairing(key, rows, counts)
    for row in data.get("tasks", []):
        _ensure_task(row, counts)
    for row in data.get("items", []):
        _ensure_item(row, counts)
    return counts
