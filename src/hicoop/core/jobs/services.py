"""Asking for work: enqueue a job after the current transaction commits, cancel one, and the
scheduler's tick that enqueues periodic jobs once per slot however many workers tick."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core.access import is_office
from hicoop.core.actors import SCHEDULER, stored_name, user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.jobs.registry import KINDS, PERIODIC, Periodic
from hicoop.core.jobs.runner import dispatch, eager
from hicoop.core.models import Job, JobStatus

MAX_PARAMS_BYTES = 64 * 1024


def _check_params(kind: str, params: dict[str, Any]) -> None:
    if kind not in KINDS:
        raise ValidationFailed(details={"kind": [_("Unknown kind of job: %(k)s") % {"k": kind}]})
    try:
        size = len(json.dumps(params, ensure_ascii=False).encode())
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(details={"params": [str(exc)]}) from exc
    if size > MAX_PARAMS_BYTES:
        raise ValidationFailed(details={"params": [_("The job's parameters are too large.")]})


def _new_job(
    kind: str, params: dict[str, Any], actor: Any, target: models.Model | None, **extra: Any
) -> Job:
    return Job.objects.create(
        kind=kind,
        params=params,
        actor=user_of(actor),
        actor_name=stored_name(actor),
        target_type=ContentType.objects.get_for_model(type(target)) if target else None,
        target_id=target.pk if target else None,
        **extra,
    )


def enqueue(
    *,
    kind: str,
    params: dict[str, Any] | None = None,
    actor: Any,
    target: models.Model | None = None,
    max_attempts: int = 2,
) -> Job:
    """Record a job and hand it to the workers once the caller's transaction commits."""
    params = params or {}
    _check_params(kind, params)
    job = _new_job(kind, params, actor, target, max_attempts=max(1, min(max_attempts, 5)))
    if eager():
        dispatch(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: dispatch(job.pk), robust=True)
    return job


@transaction.atomic
def cancel(*, job: Job, actor: Any) -> Job:
    """Cancel a job that has not started yet (its requester or the joint office)."""
    if not (is_office(actor) or (job.actor_id and job.actor_id == getattr(actor, "pk", None))):
        raise PermissionDenied()
    Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED, finished_at=timezone.now(), message=_("Cancelled")
    )
    job.refresh_from_db()
    return job


def _slot(rule: Periodic, now: dt.datetime) -> str | None:
    local = timezone.localtime(now)
    if rule.every_minutes:
        minutes = int(local.timestamp() // 60)
        return f"m{minutes - minutes % rule.every_minutes}"
    hour, minute = (int(p) for p in rule.daily_at.split(":"))
    if (local.hour, local.minute) < (hour, minute):
        return None
    return local.date().isoformat()


def tick(now: dt.datetime | None = None) -> list[Job]:
    """Enqueue every periodic job whose slot has come; a slot already taken is skipped."""
    now = now or timezone.now()
    created = []
    for rule in PERIODIC.values():
        slot = _slot(rule, now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                job = _new_job(
                    rule.kind, {"slot": slot}, SCHEDULER, None, dedupe_key=f"{rule.kind}@{slot}"
                )
        except IntegrityError:
            continue
        dispatch(job.pk)
        created.append(job)
    return created
