"""Reading jobs: a user sees the jobs they asked for, the jobs on records they may see, and the
joint office sees every job."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hicoop.core.access import can_see, is_office
from hicoop.core.actors import user_of
from hicoop.core.exceptions import NotFound
from hicoop.core.models import Job


def _target(job: Job) -> Any:
    model = job.target_type.model_class() if job.target_type else None
    if model is None or job.target_id is None:
        return None
    return model._base_manager.filter(pk=job.target_id).first()


def may_see(job: Job, user: Any) -> bool:
    if is_office(user):
        return True
    account = user_of(user)
    if account is None:
        return False
    if job.actor_id == account.pk:
        return True
    target = _target(job)
    return target is not None and can_see(target, account)


def jobs_for(*, user: Any) -> QuerySet[Job]:
    """The jobs listed on a user's job page: their own (all of them for the joint office)."""
    if is_office(user):
        return Job.objects.all()
    account = user_of(user)
    if account is None:
        return Job.objects.none()
    return Job.objects.filter(actor=account)


def job_detail(*, job_id: int, user: Any) -> Job:
    job = Job.objects.select_related("target_type").filter(pk=job_id).first()
    if job is None or not may_see(job, user):
        raise NotFound()
    return job
