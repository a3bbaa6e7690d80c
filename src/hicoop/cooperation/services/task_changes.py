"""Key tasks created or re-targeted by a decision of the promotion meeting (measure 五's list is
otherwise loaded by the mechanism loader). Both are the joint office's and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation.models import KeyTask
from hicoop.core import audit
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.locks import serialize
from hicoop.core.models import AuditAction
from hicoop.parties.models import Party


def _require_office(actor: Actor) -> None:
    if not (is_system(actor) or roles.is_joint_office_admin(actor)):
        raise PermissionDenied(_("Only the joint office may do this."))


@transaction.atomic
def create_task(
    *,
    title: str,
    department: Party,
    supporting_units: Iterable[Party],
    deadline: dt.date | None,
    description: str,
    actor: Actor,
    reason: str,
) -> KeyTask:
    """A new key task, numbered after the last one, planned."""
    _require_office(actor)
    if not title.strip():
        raise ValidationFailed(details={"title": [_("This value is required.")]})
    serialize("cooperation.keytask.number")
    number = (KeyTask.objects.aggregate(m=Max("number"))["m"] or 0) + 1
    task = KeyTask.objects.create(
        number=number,
        title=title.strip()[:200],
        description=description,
        department=department,
        deadline=deadline,
        status_changed_at=timezone.now(),
    )
    task.supporting_units.set(list(supporting_units))
    audit.record(instance=task, actor=actor, action=AuditAction.CREATE, reason=reason)
    return task


@transaction.atomic
def retarget_task(
    *,
    task: KeyTask,
    actor: Actor,
    reason: str,
    deadline: dt.date | None = None,
    title: str = "",
    description: str | None = None,
) -> KeyTask:
    """Change a task's target: its deadline, title or description, with the reason."""
    _require_office(actor)
    if not reason.strip():
        raise ValidationFailed(details={"reason": [_("Please give a reason.")]})
    before = audit.snapshot(task)
    if deadline is not None:
        task.deadline = deadline
    if title.strip():
        task.title = title.strip()[:200]
    if description is not None:
        task.description = description
    if audit.snapshot(task) == before:
        raise ValidationFailed(details={"__all__": [_("Nothing changed.")]})
    task.save()
    audit.record(
        instance=task, actor=actor, action=AuditAction.UPDATE, before=before, reason=reason
    )
    return task
