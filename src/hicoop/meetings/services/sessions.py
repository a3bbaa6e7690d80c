"""1:1 matchmaking sessions (对接洽谈): requests between delegates, their answers, the schedule
(computed by the engine in a job, stored here in one transaction), locks and publishing."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core import audit, notifications
from hicoop.core.access import can_edit, require_office
from hicoop.core.actors import stored_name
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction, Job
from hicoop.core.workflow import apply_transition
from hicoop.engine.scheduling import Schedule
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.meetings.choices import (
    REQUEST_ANSWERED,
    REQUEST_RECEIVED,
    SCHEDULE_CHANGED,
    RequestSource,
    RequestStatus,
    Rsvp,
)
from hicoop.meetings.models import Delegate, Meeting, MeetingRequest, ScheduleRun, SessionMeeting

MAX_MESSAGE = 2000


def _source(candidate: MatchCandidate | None, interest: Interest | None) -> str:
    if candidate is not None:
        return RequestSource.MATCH
    return RequestSource.INTEREST if interest is not None else RequestSource.LIST


def _check_pair(meeting: Meeting, requester: Delegate, invitee: Delegate) -> None:
    if requester.meeting_id != meeting.pk or invitee.meeting_id != meeting.pk:
        raise ValidationFailed(details={"invitee": [_("Both delegates must attend this meeting.")]})
    if requester.pk == invitee.pk:
        raise ValidationFailed(details={"invitee": [_("Choose someone else to meet.")]})
    for who in (requester, invitee):
        if not who.matchmaking or who.status == Rsvp.DECLINED:
            raise Conflict(
                _("%(name)s does not take part in the 1:1 sessions.") % {"name": who.name}
            )


@transaction.atomic
def request_meeting(
    *,
    meeting: Meeting,
    requester: Delegate,
    invitee: Delegate,
    actor: Any,
    message: str = "",
    candidate: MatchCandidate | None = None,
    interest: Interest | None = None,
) -> MeetingRequest:
    """A delegate asks another for a 1:1 meeting (from a match, an interest or the list)."""
    if not can_edit(requester, actor):
        raise PermissionDenied(_("You may only ask on behalf of your own delegates."))
    _check_pair(meeting, requester, invitee)
    if len(message) > MAX_MESSAGE:
        raise ValidationFailed(
            details={"message": [_("At most %(n)d characters.") % {"n": MAX_MESSAGE}]}
        )
    demand = candidate.demand if candidate else (interest.demand if interest else None)
    try:
        with transaction.atomic():
            found = MeetingRequest.objects.create(
                meeting=meeting,
                requester=requester,
                invitee=invitee,
                source=_source(candidate, interest),
                candidate=candidate,
                interest=interest,
                demand=demand,
                message=message.strip(),
            )
    except IntegrityError as exc:
        raise Conflict(_("You have already asked this delegate.")) from exc
    audit.record(instance=found, actor=actor, action=AuditAction.CREATE)
    _tell(
        invitee,
        REQUEST_RECEIVED,
        {"delegate": requester.name, "meeting": meeting.title},
        actor,
        found,
    )
    return found


def _tell(delegate: Delegate, kind: Any, params: dict[str, Any], actor: Any, target: Any) -> None:
    if delegate.user_id:
        notifications.notify(
            recipients=[delegate.user],
            kind=kind,
            params=params,
            actor=actor,
            url=reverse("meetings:sessions", args=[delegate.meeting_id]),
            target=target,
        )


@transaction.atomic
def answer_request(
    *, request: MeetingRequest, accept: bool, actor: Any, reason: str = ""
) -> MeetingRequest:
    """The asked delegate (or someone acting for them) accepts or declines."""
    if not can_edit(request.invitee, actor):
        raise PermissionDenied(_("Only the delegate asked may answer."))
    request.reason = "" if accept else reason.strip()[:MAX_MESSAGE]
    apply_transition(
        request,
        "accept" if accept else "decline",
        actor=actor,
        reason=reason,
        save_fields=["reason"],
    )
    answer = _("accepted") if accept else _("declined")
    _tell(
        request.requester,
        REQUEST_ANSWERED,
        {"delegate": request.invitee.name, "answer": answer, "meeting": request.meeting.title},
        actor,
        request,
    )
    return request


@transaction.atomic
def withdraw_request(*, request: MeetingRequest, actor: Any) -> MeetingRequest:
    """The requester withdraws; a scheduled meeting is taken out of the schedule."""
    if not can_edit(request.requester, actor):
        raise PermissionDenied(_("Only the delegate who asked may withdraw."))
    apply_transition(request, "withdraw", actor=actor)
    SessionMeeting.objects.filter(request=request).delete()
    return request


@transaction.atomic
def lock_meeting(*, placement: SessionMeeting, locked: bool, actor: Any) -> SessionMeeting:
    """A locked meeting keeps its slot and table when the schedule is re-run."""
    require_office(actor)
    before = audit.snapshot(placement)
    placement.locked = locked
    placement.save(update_fields=["locked"])
    audit.record(instance=placement, actor=actor, action=AuditAction.UPDATE, before=before)
    return placement


@transaction.atomic
def publish_schedule(*, meeting: Meeting, actor: Any) -> Meeting:
    """Make the schedule the delegates' own; later changes notify those they touch."""
    require_office(actor)
    if not SessionMeeting.objects.filter(slot__meeting=meeting).exists():
        raise Conflict(_("There is no schedule to publish yet."))
    meeting.schedule_published_at = timezone.now()
    meeting.save(update_fields=["schedule_published_at", "updated_at"])
    return meeting


def _changed(before: dict[int, tuple[int, int]], after: dict[int, tuple[int, int]]) -> set[int]:
    return {rid for rid in before.keys() | after.keys() if before.get(rid) != after.get(rid)}


@transaction.atomic
def store_schedule(
    *,
    meeting: Meeting,
    schedule: Schedule,
    slot_ids: list[int],
    left_out: list[dict[str, Any]],
    actor: Any,
    seconds: float,
    job: Job | None = None,
) -> ScheduleRun:
    """Replace the schedule by the engine's (locked meetings stay) and keep the run."""
    require_office(actor)
    current = SessionMeeting.objects.filter(slot__meeting=meeting)
    before = {p.request_id: (p.slot_id, p.table) for p in current}
    unplaced = [
        {"request": u.request, "code": u.code, "params": dict(u.params)} for u in schedule.unplaced
    ]
    run = ScheduleRun.objects.create(
        meeting=meeting,
        job=job,
        method=schedule.method,
        optimal=schedule.optimal,
        version=schedule.version,
        requests=schedule.placed + len(unplaced) + len(left_out),
        placed=schedule.placed,
        locked=sum(1 for m in schedule.meetings if m.locked),
        gaps=schedule.gaps,
        seconds=round(seconds, 2),
        unplaced=unplaced + left_out,
        params={"notes": list(schedule.notes)},
        actor_name=stored_name(actor),
    )
    current.filter(locked=False).delete()
    kept = set(current.values_list("request_id", flat=True))
    SessionMeeting.objects.bulk_create(
        SessionMeeting(
            request_id=m.request, slot_id=slot_ids[m.slot], table=m.table, locked=m.locked, run=run
        )
        for m in schedule.meetings
        if m.request not in kept
    )
    after = {m.request: (slot_ids[m.slot], m.table) for m in schedule.meetings}
    if meeting.schedule_published_at:
        _notify_changes(meeting, _changed(before, after), actor)
    return run


def _notify_changes(meeting: Meeting, changed: set[int], actor: Any) -> None:
    counts: dict[int, int] = {}
    users: dict[int, Any] = {}
    for request in MeetingRequest.objects.filter(pk__in=changed).select_related(
        "requester__user", "invitee__user"
    ):
        for delegate in (request.requester, request.invitee):
            if delegate.user_id:
                counts[delegate.user_id] = counts.get(delegate.user_id, 0) + 1
                users[delegate.user_id] = delegate.user
    for user_id, count in counts.items():
        notifications.notify(
            recipients=[users[user_id]],
            kind=SCHEDULE_CHANGED,
            params={"meeting": meeting.title, "count": count},
            actor=actor,
            url=reverse("meetings:my-schedule", args=[meeting.pk]),
            target=meeting,
        )


def accepted_requests(meeting: Meeting) -> Any:
    return MeetingRequest.objects.filter(meeting=meeting, status=RequestStatus.ACCEPTED)


def start_schedule(*, meeting: Meeting, actor: Any, seconds: float = 12.0) -> Job:
    """Schedule the accepted requests as a job (progress on the job page)."""
    from hicoop.core.jobs import enqueue

    require_office(actor)
    if not meeting.slots.exists():
        raise Conflict(_("Add the time slots of the 1:1 sessions first."))
    if not 1 <= seconds <= 120:
        raise ValidationFailed(details={"seconds": [_("Give 1 to 120 seconds.")]})
    return enqueue(
        kind="meetings.schedule",
        params={"meeting": meeting.pk, "seconds": seconds},
        actor=actor,
        target=meeting,
    )
