"""Shared parts of the cooperation services: parsing, scope, events, milestones, reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation.models import (
    Milestone,
    ProgressReport,
)
from hicoop.cooperation.transitions import BOTH_SIDES, OFFICE
from hicoop.core import attachments
from hicoop.core.actors import Actor, is_system, stored_name, user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.scope import require_edit
from hicoop.core.workflow import Transition, TransitionNotAllowed, Workflow, apply_transition
from hicoop.parties.models import Party


class Errors:
    """Every problem found in one input, by field."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationFailed(details=self.by_field)


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [
            v.strip()
            for v in value.replace("；", ";").replace("，", ",").replace(";", ",").split(",")
            if v.strip()
        ]
    return list(value)


def _decimal(errors: Errors, name: str, value: Any, *, positive: bool = False) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors.add(name, _("Enter a number."))
        return None
    if not number.is_finite() or number < 0 or (positive and number == 0):
        errors.add(
            name,
            _("Enter a number greater than zero.")
            if positive
            else _("Enter a number that is not negative."),
        )
        return None
    return number


def _date(errors: Errors, name: str, value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(name, _("Enter a date as YYYY-MM-DD."))
        return None


def _int(errors: Errors, name: str, value: Any, low: int, high: int) -> int | None:
    try:
        number = int(str(value).strip())
    except ValueError:
        errors.add(name, _("Enter a whole number."))
        return None
    if not low <= number <= high:
        errors.add(name, _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return None
    return number


def _milestones(errors: Errors, rows: Any) -> list[dict[str, Any]]:
    parsed = []
    for n, row in enumerate(rows or [], start=1):
        name = f"milestones.{n}"
        title = str(row.get("title") or "").strip()
        if not title:
            errors.add(name, _("A milestone needs a title."))
        due_on = _date(errors, name, row.get("due_on", ""))
        weight = _decimal(errors, name, row.get("weight", 1), positive=True)
        parsed.append(
            {"id": row.get("id"), "title": title[:200], "due_on": due_on, "weight": weight}
        )
        if "done_on" in row:  # given: set (a date) or cleared (empty); absent: left as it is
            parsed[-1]["done_on"] = _date(errors, name, row["done_on"]) if row["done_on"] else None
    return parsed


def _user(actor: Actor) -> Any:
    return user_of(actor)


def _name(actor: Actor) -> str:
    return stored_name(actor)


def _write_milestones(
    owner: dict[str, Any], manager: Any, rows: list[dict[str, Any]], errors: Errors
) -> None:
    existing = {m.pk: m for m in manager.all()}
    seen: set[int] = set()
    for n, row in enumerate(rows, start=1):
        ident = int(row["id"]) if str(row.get("id") or "").isdigit() else None
        if ident is not None and ident not in existing:
            errors.add(f"milestones.{n}", _("Unknown milestone id %(id)s.") % {"id": ident})
            continue
        milestone = existing.get(ident) if ident else Milestone(**owner)
        assert milestone is not None
        milestone.title, milestone.due_on, milestone.weight = (
            row["title"],
            row["due_on"],
            row["weight"],
        )
        if "done_on" in row:
            milestone.done_on = row["done_on"]
        milestone.save()
        seen.add(milestone.pk)
    errors.raise_if_any()
    manager.exclude(pk__in=seen).delete()


def _not_allowed(flow: Workflow, record: Any, action: str, to: str) -> TransitionNotAllowed:
    current = flow.status_label(record.status)
    if action:
        message = _("“%(action)s” is not allowed while the record is %(status)s.") % {
            "action": flow.action_label(action),
            "status": current,
        }
    else:
        message = _("The status cannot change from %(from)s to %(to)s.") % {
            "from": current,
            "to": flow.status_label(to),
        }
    allowed = [t.action for t in flow.actions_from(record.status)]
    return TransitionNotAllowed(message, details={"status": record.status, "allowed": allowed})


def _may(record: Any, actor: Actor, trusted: bool) -> Any:
    def may(transition: Transition) -> bool:
        if trusted:
            return True
        if transition.by == BOTH_SIDES:  # only services.agreement takes it, once both agreed
            raise PermissionDenied(_("Both sides agree to an item, each for itself."))
        if is_system(actor):
            return True
        if transition.by == OFFICE and not roles.is_joint_office_admin(actor):
            raise PermissionDenied(_("Only the joint office may do this."))
        require_edit(record, actor)
        return True

    return may


def _transition(
    flow: Workflow,
    record: Any,
    *,
    action: str,
    to: str,
    actor: Actor,
    reason: str,
    trusted: bool = False,
) -> Transition:
    """Take the step named ``action`` (or the one leading to ``to``) through the workflow kit.

    ``trusted``: a service of a later app already checked the actor's right to this step.
    """
    transition = flow.find(record.status, action) if action else flow.leading_to(record.status, to)
    if transition is None:
        raise _not_allowed(flow, record, action, to)
    apply_transition(
        record,
        transition.action,
        actor=actor,
        reason=reason.strip(),
        workflow=flow,
        may=_may(record, actor, trusted),
    )
    record.refresh_from_db(fields=["status", "status_changed_at", "updated_at"])
    return transition


def _reporter(
    record: Any, actor: Actor, parties: Sequence[tuple[Party, str]]
) -> tuple[Party | None, str]:
    editable = (
        set(
            Party.objects.editable_by(actor)
            .filter(pk__in=[p.pk for p, _ in parties])
            .values_list("pk", flat=True)
        )
        if actor
        else set()
    )
    for party, side in parties:
        if party.pk in editable:
            return party, side
    return None, ""


def _check_report(errors: Errors, *, as_of: dt.date | None, text: str, on: dt.date) -> None:
    if as_of is not None and as_of > on:
        errors.add("as_of", _("A report cannot be dated in the future."))
    if not text.strip():
        errors.add("text", _("Describe the progress."))


def _done_milestones(errors: Errors, manager: Any, ids: Iterable[Any]) -> list[Milestone]:
    wanted = {int(i) for i in ids if str(i).isdigit()}
    found = list(manager.filter(pk__in=wanted, done_on__isnull=True))
    if len(found) != len(wanted):
        errors.add(
            "milestones_done",
            _("Some milestones do not belong to this record or are already done."),
        )
    return found


def _check_file(errors: Errors, upload: Any) -> None:
    """Type, size and content as the kit checks every upload (``core.attachments``)."""
    name = attachments.safe_name(getattr(upload, "name", "") or "")
    for problem in attachments.content_problems(name, upload, int(upload.size or 0)):
        errors.add("files", problem)


def _attach(report: ProgressReport, files: Sequence[Any], actor: Actor) -> None:
    for upload in files:
        attachments.attach(record=report, upload=upload, actor=actor)
