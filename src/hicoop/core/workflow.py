"""The one workflow kit: a pure transition table per workflow and one way to apply it.

An app declares its table in ``transitions.py``::

    ITEM_WORKFLOW = Workflow(
        "cooperation.item",
        ItemStatus,
        Transition("agree", {ItemStatus.PROPOSED}, ItemStatus.AGREED, label=_("Agree")),
        Transition("terminate", {...}, ItemStatus.TERMINATED, by=OFFICE, needs_reason=True),
    )

and its services call :func:`apply_transition`, which locks the record, checks the table, stamps
the record and appends one :class:`~hicoop.core.models.WorkflowEvent` naming actor and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hicoop.core.actors import Actor, stored_name, user_of
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import WorkflowEvent

# Conventional values of ``Transition.by``; apps may add their own and check them in ``may``.
OWNER = "owner"
SIDE = "side"
OFFICE = "office"
# Taken by a service as a consequence of another write (never offered as a button).
AUTOMATIC = "automatic"

MAX_REASON = 2000

# History rows that are not status changes, written by :func:`record_event`.
RECORD_ACTIONS: dict[str, Any] = {
    "create": _("Created"),
    "renew": _("Renewed"),
    "import": _("Imported"),
}


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"
    default_message = _("This status change is not allowed.")


@dataclass(frozen=True, init=False)
class Transition:
    """``action`` moves a record from any status in ``source`` to ``target``."""

    action: str
    source: frozenset[str]
    target: str
    by: str = OWNER
    needs_reason: bool = False
    label: Any = ""

    def __init__(
        self,
        action: str,
        source: Iterable[str],
        target: str,
        by: str = OWNER,
        needs_reason: bool = False,
        label: Any = "",
    ) -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "source", frozenset(str(s) for s in source))
        object.__setattr__(self, "target", str(target))
        object.__setattr__(self, "by", by)
        object.__setattr__(self, "needs_reason", needs_reason)
        object.__setattr__(self, "label", label or action)


class Workflow:
    """A named, pure transition table over one status field."""

    def __init__(
        self,
        name: str,
        statuses: Any,
        *transitions: Transition,
        field: str = "status",
        records: dict[str, Any] | None = None,
    ) -> None:
        """``records``: labels of this workflow's own history rows that are no status change."""
        self.name = name
        self.records = dict(records or {})
        self.statuses = statuses  # a TextChoices class: labels of the statuses
        self.field = field
        self.transitions: dict[str, Transition] = {t.action: t for t in transitions}
        REGISTRY[name] = self

    def find(self, current: str, action: str) -> Transition | None:
        """The transition ``action`` allows from ``current``, or ``None``."""
        transition = self.transitions.get(action)
        if transition is None or current not in transition.source:
            return None
        return transition

    def leading_to(self, current: str, target: str) -> Transition | None:
        return next(
            (t for t in self.transitions.values() if current in t.source and t.target == target),
            None,
        )

    def actions_from(self, current: str) -> list[Transition]:
        return [t for t in self.transitions.values() if current in t.source]

    def action_label(self, action: str) -> str:
        transition = self.transitions.get(action)
        if transition is not None:
            return str(transition.label)
        if action in self.records:
            return str(self.records[action])
        return str(RECORD_ACTIONS.get(action, action))

    def status_label(self, status: str) -> str:
        if not status:
            return ""
        try:
            return str(self.statuses(status).label)
        except ValueError:
            return status


REGISTRY: dict[str, Workflow] = {}


def workflow_of(record: models.Model) -> Workflow:
    found = getattr(type(record), "workflow", None)
    if not isinstance(found, Workflow):
        raise TypeError(f"{type(record).__name__} declares no workflow")
    return found


def _locked_status(record: models.Model, field: str) -> str:
    """The status as stored now, with the row locked until the transaction ends."""
    manager: Any = type(record)._base_manager
    current = manager.select_for_update().filter(pk=record.pk).values_list(field, flat=True).first()
    return str(current if current is not None else getattr(record, field))


def _check(
    workflow: Workflow, current: str, action: str, reason: str, may: Callable[..., bool] | None
) -> Transition:
    transition = workflow.find(current, action)
    if transition is None:
        raise TransitionNotAllowed(
            details={
                "status": current,
                "action": action,
                "status_label": workflow.status_label(current),
            }
        )
    if may is not None and not may(transition):
        raise PermissionDenied(_("You may not take this step."))
    if transition.needs_reason and not reason.strip():
        raise ValidationFailed(details={"reason": [str(_("Give a reason for this step."))]})
    if len(reason) > MAX_REASON:
        raise ValidationFailed(
            details={"reason": [str(_("At most %(n)d characters.") % {"n": MAX_REASON})]}
        )
    return transition


@transaction.atomic
def apply_transition(
    record: models.Model,
    action: str,
    *,
    actor: Actor,
    reason: str = "",
    workflow: Workflow | None = None,
    may: Callable[[Transition], bool] | None = None,
    data: dict[str, Any] | None = None,
    save_fields: Sequence[str] = (),
) -> WorkflowEvent:
    """Take ``action`` on ``record`` and write the event row.

    ``may`` decides whether this actor may take the transition (by its ``by``); ``save_fields``
    names other fields the caller set on ``record`` that must be saved with the status.
    """
    flow = workflow or workflow_of(record)
    current = _locked_status(record, flow.field)
    transition = _check(flow, current, action, reason or "", may)
    setattr(record, flow.field, transition.target)
    fields = {flow.field, *save_fields}
    for stamp in ("status_changed_at", "updated_at"):
        if any(f.name == stamp for f in record._meta.concrete_fields):
            setattr(record, stamp, timezone.now())
            fields.add(stamp)
    record.save(update_fields=sorted(fields))
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        workflow=flow.name,
        action=transition.action,
        from_status=current,
        to_status=transition.target,
        actor=user_of(actor),
        actor_name=stored_name(actor),
        reason=(reason or "").strip(),
        data=data or {},
    )


def record_event(
    record: models.Model,
    action: str,
    *,
    actor: Actor,
    workflow: Workflow,
    reason: str = "",
    from_status: str | None = None,
    data: dict[str, Any] | None = None,
) -> WorkflowEvent:
    """A history row that is not a status change (creation, renewal) in the same table.

    ``from_status`` defaults to the current status; creation passes ``""``.
    """
    current = str(getattr(record, workflow.field))
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        workflow=workflow.name,
        action=action,
        from_status=current if from_status is None else from_status,
        to_status=current,
        actor=user_of(actor),
        actor_name=stored_name(actor),
        reason=(reason or "").strip()[:MAX_REASON],
        data=data or {},
    )


def events_of(record: models.Model) -> models.QuerySet[WorkflowEvent]:
    """Status history of one record, newest first."""
    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
    ).select_related("actor")


def event_labels(event: WorkflowEvent) -> dict[str, str]:
    """The action and statuses of an event as users read them."""
    flow = REGISTRY.get(event.workflow)
    if flow is None:
        return {"action": event.action, "from": event.from_status, "to": event.to_status}
    return {
        "action": flow.action_label(event.action),
        "from": flow.status_label(event.from_status),
        "to": flow.status_label(event.to_status),
    }
