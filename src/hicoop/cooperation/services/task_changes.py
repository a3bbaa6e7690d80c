"""Key tasks created or re-targeted by a decision of the promotion meeting (measure 五's list is
otherwise loaded by the mechanism loader). Both are the joint office's and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation.models import KeyTask
from hicoop.core import audit
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import PermissionDenied, ValidationFailed, validation_details
from hicoop.core.loading import LoadReport, model_changes, typed
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


@transaction.atomic
def define_row(*, row: models.Model, values: Mapping[str, Any], actor: Actor) -> Any:
    """Create or change a key task or a park pairing as the mechanism defines it (title, goals,
    department, parties, fields; many-to-many values by primary keys), validated and audited.
    Progress, status and reports are never written here."""
    _require_office(actor)
    before = audit.snapshot(row) if row.pk else None
    related = {f.name for f in row._meta.many_to_many}
    for name, value in typed(values).items():
        if name not in related:
            setattr(row, name, value)
    try:
        row.full_clean(exclude=sorted(related))
    except DjangoValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc
    row.save()
    for name in related & set(values):
        getattr(row, name).set(list(values[name]))
    action = AuditAction.CREATE if before is None else AuditAction.UPDATE
    audit.record(instance=row, actor=actor, action=action, before=before)
    return row


def ensure_defined(
    model: type[models.Model],
    *,
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    actor: Actor,
    report: LoadReport,
) -> Any:
    """The task or pairing matching ``lookup``, created if missing; otherwise only values nobody
    edited by hand since (a deadline the joint office moved stays) are brought to ``values``."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        report.tally(model, created=True, changed=True)
        return define_row(row=model(**lookup), values=values, actor=actor)
    changes = model_changes(row, typed(values))
    if changes:
        define_row(row=row, values=changes, actor=actor)
    report.tally(model, created=False, changed=bool(changes))
    return row
