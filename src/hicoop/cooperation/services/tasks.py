"""Key tasks of measure 五: lifecycle, milestone plans, progress reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.cooperation.choices import (
    Side,
    TaskStatus,
)
from hicoop.cooperation.models import (
    KeyTask,
    ProgressReport,
)
from hicoop.cooperation.services.common import (
    Errors,
    _attach,
    _check_file,
    _check_report,
    _date,
    _done_milestones,
    _milestones,
    _name,
    _reporter,
    _transition,
    _user,
    _write_milestones,
)
from hicoop.cooperation.transitions import (
    REPORTING_TASK_STATUSES,
    TASK_WORKFLOW,
)
from hicoop.core import audit
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import Conflict, PermissionDenied
from hicoop.core.models import AuditAction
from hicoop.core.scope import can_edit, require_edit
from hicoop.engine.progress import MilestoneState, item_progress


def recompute_task(task: KeyTask) -> float:
    progress = item_progress(
        [MilestoneState(float(m.weight), m.done_on is not None) for m in task.milestones.all()],
        [],
        completed=task.status == TaskStatus.COMPLETED,
    ).value
    KeyTask.objects.filter(pk=task.pk).update(progress=progress)
    task.progress = progress
    return progress


@transaction.atomic
def transition_task(
    *, task: KeyTask, actor: Actor, action: str = "", to: str = "", reason: str = ""
) -> KeyTask:
    """Move a key task along its lifecycle (start, complete, suspend, resume)."""
    _transition(TASK_WORKFLOW, task, action=action, to=to, actor=actor, reason=reason)
    recompute_task(task)
    return task


@transaction.atomic
def plan_task_milestones(
    *, task: KeyTask, milestones: Sequence[Mapping[str, Any]], actor: Actor, reason: str = ""
) -> KeyTask:
    """Replace a task's milestone plan (existing rows by id keep their done dates)."""
    require_edit(task, actor)
    errors = Errors()
    rows = _milestones(errors, milestones)
    errors.raise_if_any()
    before = [(m.title, m.due_on.isoformat()) for m in task.milestones.all()]
    _write_milestones({"task": task}, task.milestones, rows, errors)
    after = [(m.title, m.due_on.isoformat()) for m in task.milestones.all()]
    if before != after:
        audit.record(
            instance=task,
            actor=actor,
            action=AuditAction.UPDATE,
            before={"milestones": before},
            reason=reason,
        )
    recompute_task(task)
    return task


@transaction.atomic
def submit_task_report(
    *,
    task: KeyTask,
    actor: Actor,
    on: dt.date,
    text: str,
    as_of: Any = None,
    milestones_done: Iterable[Any] = (),
    files: Sequence[Any] = (),
) -> ProgressReport:
    """A progress report on a key task by its department or a supporting unit."""
    if not is_system(actor) and not can_edit(task, actor):
        raise PermissionDenied(
            _(
                "Only the task's department, its supporting units or the joint office may report on it."
            )
        )
    if task.status not in REPORTING_TASK_STATUSES:
        raise Conflict(_("This task is completed; reports are closed."))
    errors = Errors()
    when = _date(errors, "as_of", as_of) if as_of else on
    _check_report(errors, as_of=when, text=text, on=on)
    done = _done_milestones(errors, task.milestones, milestones_done)
    for upload in files:
        _check_file(errors, upload)
    errors.raise_if_any()
    assert when is not None
    for milestone in done:
        milestone.done_on = when
        milestone.save(update_fields=["done_on"])
    progress = recompute_task(task)
    involved = [
        (task.department, Side.PARTNER),
        *((p, Side.HAINAN) for p in task.supporting_units.all()),
    ]
    party, side = _reporter(task, actor, involved)
    report = ProgressReport.objects.create(
        task=task,
        reporter_party=party,
        side=side,
        as_of=when,
        text=text.strip(),
        milestones_done=[m.pk for m in done],
        progress_after=progress,
        submitted_by=_user(actor),
        submitted_name=_name(actor),
    )
    _attach(report, files, actor)
    return report
