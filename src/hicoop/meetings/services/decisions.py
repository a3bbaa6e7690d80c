"""Decisions (决定第N项) and consultation conclusions: recorded by the joint office, carried out
through the cooperation services with the acting user, with follow-up actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.cooperation import services as cooperation
from hicoop.cooperation.choices import Origin
from hicoop.cooperation.models import CooperationItem, KeyTask
from hicoop.cooperation.services import task_changes
from hicoop.core import audit, notifications
from hicoop.core.access import can_edit, is_office, require_office
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.inputs import Attr, ParseError, as_date, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.meetings.choices import ACTION_ASSIGNED, ITEM_KINDS, TASK_KINDS, DecisionKind
from hicoop.meetings.models import Decision, FollowUp, Meeting
from hicoop.meetings.services.common import party_or_error, user_or_error

DECISION_ATTRS = (
    Attr("kind", "类型", "kind", "choice", required=True, choices=DecisionKind),
    Attr("title", "标题", "title", "text", required=True, max_length=200),
    Attr("text", "决定内容", "text", "longtext", required=True, max_length=10000),
    Attr("item", "合作事项编号", "cooperation item", "ref"),
    Attr("task", "重点任务序号", "key task", "int", min_value=1, max_value=999),
)
ACTION_ATTRS = (
    Attr("title", "后续行动", "action", "text", required=True, max_length=300),
    Attr("owner", "负责人账号", "owner", "ref", required=True),
    Attr("party", "负责单位", "owner's organisation", "ref"),
    Attr("due_on", "完成期限", "due on", "date", required=True),
)
MAX_PAYLOAD = 20000


def _targets(cleaned: Any, kind: str) -> tuple[CooperationItem | None, KeyTask | None]:
    ref = cleaned.values.get("item") or ""
    item = CooperationItem.objects.filter(number=ref).first() if ref else None
    if ref and item is None:
        cleaned.add("item", _("Unknown cooperation item: %(ref)s") % {"ref": ref})
    number = cleaned.values.get("task")
    task = KeyTask.objects.filter(number=number).first() if number else None
    if number and task is None:
        cleaned.add("task", _("Unknown key task: %(n)s") % {"n": number})
    if kind in ITEM_KINDS and item is None and "item" not in cleaned.errors:
        cleaned.add("item", _("Name the cooperation item this decision acts on."))
    if kind in TASK_KINDS and task is None and "task" not in cleaned.errors:
        cleaned.add("task", _("Name the key task this decision acts on."))
    return item, task


def _payload(raw: Any) -> dict[str, Any]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict) or len(str(raw)) > MAX_PAYLOAD:
        raise ValidationFailed(details={"payload": [_("Send the changes as an object of fields.")]})
    return raw


@transaction.atomic
def record_decision(*, meeting: Meeting, data: Mapping[str, Any], actor: Any) -> Decision:
    """Record the next numbered decision of a meeting and the records it acts on."""
    require_office(actor)
    fields = {k: v for k, v in data.items() if k != "payload"}
    cleaned = clean(DECISION_ATTRS, fields)
    item, task = _targets(cleaned, cleaned.values.get("kind", ""))
    cleaned.raise_errors()
    number = (meeting.decisions.aggregate(m=Max("number"))["m"] or 0) + 1
    decision = Decision.objects.create(
        meeting=meeting,
        number=number,
        kind=cleaned.values["kind"],
        title=cleaned.values["title"],
        text=cleaned.values["text"],
        item=item,
        task=task,
        payload=_payload(data.get("payload")),
    )
    audit.record(instance=decision, actor=actor, action=AuditAction.CREATE)
    return decision


def _require_may_execute(decision: Decision, actor: Any) -> None:
    """Office kinds need the joint office; an item or task kind needs edit rights on it."""
    target = decision.item or decision.task
    if decision.kind in ITEM_KINDS | TASK_KINDS and target is not None:
        if not can_edit(target, actor):
            raise PermissionDenied(
                _("You may not change %(record)s, so you cannot carry out %(decision)s.")
                % {"record": str(target), "decision": decision.reference}
            )
        return
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office carries out this kind of decision."))


def _reason(decision: Decision) -> str:
    return f"{decision.reference}：{decision.title}"


def _adjust(decision: Decision, actor: Any, on: dt.date) -> list[str]:
    assert decision.item is not None
    changes = decision.payload.get("changes")
    if not isinstance(changes, dict) or not changes:
        raise ValidationFailed(details={"payload": [_("Say what the adjustment changes.")]})
    version = cooperation.adjust_item(
        item=decision.item,
        data=changes,
        actor=actor,
        year=decision.meeting.year,
        reason=_reason(decision),
        decision_ref=decision.reference,
    )
    decision.result_version = version
    return ["result_version"]


def _create_item(decision: Decision, actor: Any, on: dt.date) -> list[str]:
    data = decision.payload.get("item")
    if not isinstance(data, dict):
        raise ValidationFailed(details={"payload": [_("Give the new item's content.")]})
    data = {**data, "origin": Origin.MEETING, "origin_note": decision.reference}
    data.setdefault("year", decision.meeting.year)
    item = cooperation.create_item(data=data, actor=actor, on=on)
    # the new item starts agreed: the joint office agrees for both sides, citing the decision
    cooperation.agree_item(item=item, actor=actor, reason=_reason(decision), trusted=True)
    cooperation.attach_decision(
        version=item.versions.get(number=1), decision_ref=decision.reference, actor=actor
    )
    decision.result_item = item
    return ["result_item"]


def _status(action: str) -> Any:
    def run(decision: Decision, actor: Any, on: dt.date) -> list[str]:
        assert decision.item is not None
        cooperation.transition_item(
            item=decision.item, action=action, actor=actor, reason=_reason(decision)
        )
        return []

    return run


def _date(raw: Any) -> dt.date | None:
    try:
        return as_date(raw)
    except ParseError as exc:
        raise ValidationFailed(details={"payload": [str(exc)]}) from exc


def _create_task(decision: Decision, actor: Any, on: dt.date) -> list[str]:
    task = decision.payload.get("task") or {}
    cleaned = clean((), {}, strict=False)
    department = party_or_error(cleaned, "department", str(task.get("department", "")))
    units = [
        party_or_error(cleaned, "supporting_units", str(r))
        for r in task.get("supporting_units", [])
    ]
    if department is None:
        cleaned.add("department", _("Name the responsible MOST department."))
    cleaned.raise_errors()
    assert department is not None
    made = task_changes.create_task(
        title=str(task.get("title") or decision.title),
        department=department,
        supporting_units=[u for u in units if u is not None],
        deadline=_date(task.get("deadline")),
        description=str(task.get("description") or decision.text),
        actor=actor,
        reason=_reason(decision),
    )
    decision.result_task = made
    return ["result_task"]


def _retarget_task(decision: Decision, actor: Any, on: dt.date) -> list[str]:
    assert decision.task is not None
    change = decision.payload.get("task") or {}
    task_changes.retarget_task(
        task=decision.task,
        actor=actor,
        reason=_reason(decision),
        deadline=_date(change.get("deadline")),
        title=str(change.get("title") or ""),
    )
    return []


def _needs_action(decision: Decision, actor: Any, on: dt.date) -> list[str]:
    if not decision.actions.exists():
        raise Conflict(_("Give this decision a follow-up action with an owner first."))
    return []


HANDLERS = {
    DecisionKind.ADJUST_ITEM: _adjust,
    DecisionKind.CREATE_ITEM: _create_item,
    DecisionKind.SUSPEND_ITEM: _status("suspend"),
    DecisionKind.CLOSE_ITEM: _status("terminate"),
    DecisionKind.CREATE_TASK: _create_task,
    DecisionKind.RETARGET_TASK: _retarget_task,
    DecisionKind.LIST_ADJUSTMENT: _needs_action,
    DecisionKind.OTHER: lambda decision, actor, on: [],
}


@transaction.atomic
def execute_decision(*, decision: Decision, actor: Any, on: dt.date) -> Decision:
    """Carry out a decision through the cooperation services, as ``actor``; all or nothing."""
    _require_may_execute(decision, actor)
    fields = HANDLERS[DecisionKind(decision.kind)](decision, actor, on)
    apply_transition(decision, "execute", actor=actor, save_fields=fields)
    return decision


@transaction.atomic
def add_action(
    *, meeting: Meeting, data: Mapping[str, Any], actor: Any, decision: Decision | None = None
) -> FollowUp:
    """A follow-up action with its owner and due date; the owner is told."""
    require_office(actor)
    cleaned = clean(ACTION_ATTRS, data)
    owner = user_or_error(cleaned, "owner", cleaned.values.get("owner", ""))
    party = party_or_error(cleaned, "party", cleaned.values.get("party", ""))
    cleaned.raise_errors()
    action = FollowUp.objects.create(
        meeting=meeting,
        decision=decision,
        title=cleaned.values["title"],
        owner=owner,
        party=party,
        due_on=cleaned.values["due_on"],
    )
    audit.record(instance=action, actor=actor, action=AuditAction.CREATE)
    cite = decision.reference if decision else meeting.short_label
    notifications.notify(
        recipients=[owner],
        kind=ACTION_ASSIGNED,
        params={"decision": cite, "action": action.title, "due": action.due_on.isoformat()},
        actor=actor,
        url=reverse("meetings:actions"),
        target=action,
    )
    return action


@transaction.atomic
def complete_action(*, action: FollowUp, actor: Any, note: str = "") -> FollowUp:
    """The owner (or the joint office) marks the action done."""
    if not can_edit(action, actor):
        raise PermissionDenied(_("Only the owner or the joint office may close this action."))
    action.done_note = note.strip()[:5000]
    apply_transition(action, "complete", actor=actor, reason=note, save_fields=["done_note"])
    return action
