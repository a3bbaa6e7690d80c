"""Reads of the meetings domain; each starts from ``visible_to(user)``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hicoop.core.access import is_office
from hicoop.core.exceptions import NotFound
from hicoop.core.inputs import fold
from hicoop.meetings.choices import ActionStatus, RequestStatus, Rsvp
from hicoop.meetings.models import (
    Agenda,
    Decision,
    Delegate,
    FollowUp,
    Meeting,
    MeetingRequest,
    ScheduleRun,
    SessionMeeting,
    Topic,
)

MEETING_SORTS = {
    "-starts": ("-starts_on", "-pk"),
    "starts": ("starts_on", "pk"),
    "title": ("title", "pk"),
}


def meeting_list(
    *, user: Any, q: str = "", kind: str = "", year: int | None = None, sort: str = ""
) -> QuerySet[Meeting]:
    qs = Meeting.objects.visible_to(user).prefetch_related("organisers")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(venue__icontains=q) | Q(description__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by(*MEETING_SORTS.get(sort, MEETING_SORTS["-starts"]))


def meeting_detail(*, user: Any, pk: int) -> Meeting:
    found = Meeting.objects.visible_to(user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def delegates_of(*, user: Any, meeting: Meeting, q: str = "") -> list[Delegate]:
    """The participant list, searched by name, position or organisation (width-folded)."""
    found = list(
        Delegate.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("party", "user")
        .prefetch_related("away")
    )
    if q:
        key = fold(q)
        found = [
            d
            for d in found
            if key in fold(d.name)
            or key in fold(d.position)
            or key in fold(d.party.name)
            or key in fold(d.party.name_en)
        ]
    return found


def my_delegates(*, user: Any, meeting: Meeting) -> QuerySet[Delegate]:
    """Delegates the user acts for at this meeting (themself, or their organisation's)."""
    return Delegate.objects.editable_by(user).filter(meeting=meeting).select_related("party")


def own_delegate(*, user: Any, meeting: Meeting) -> Delegate | None:
    mine = Delegate.objects.filter(meeting=meeting, user=user).select_related("party").first()
    return mine or (None if is_office(user) else my_delegates(user=user, meeting=meeting).first())


def topics_of(*, user: Any, meeting: Meeting) -> QuerySet[Topic]:
    return (
        Topic.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("party", "merged_into")
    )


def agenda_of(*, user: Any, meeting: Meeting) -> Agenda | None:
    return (
        Agenda.objects.visible_to(user).filter(meeting=meeting).prefetch_related("entries").first()
    )


def requests_of(*, user: Any, meeting: Meeting, status: str = "") -> QuerySet[MeetingRequest]:
    qs = (
        MeetingRequest.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("requester__party", "invitee__party", "demand")
    )
    return qs.filter(status=status) if status else qs


def schedule_of(*, user: Any, meeting: Meeting) -> QuerySet[SessionMeeting]:
    """Every scheduled meeting (for the joint office and readers of everything) or the user's."""
    qs = SessionMeeting.objects.filter(slot__meeting=meeting).select_related(
        "slot", "request__requester__party", "request__invitee__party"
    )
    visible = MeetingRequest.objects.visible_to(user).filter(meeting=meeting).values("pk")
    return qs.filter(request__in=visible).order_by("slot__starts_at", "table", "pk")


def delegate_schedule(*, user: Any, delegate: Delegate) -> list[SessionMeeting]:
    """One delegate's meetings in time order (visible to whoever may see the delegate)."""
    if not Delegate.objects.visible_to(user).filter(pk=delegate.pk).exists():
        raise NotFound()
    return list(
        SessionMeeting.objects.filter(Q(request__requester=delegate) | Q(request__invitee=delegate))
        .select_related("slot", "request__requester__party", "request__invitee__party")
        .order_by("slot__starts_at", "pk")
    )


def last_run(*, meeting: Meeting) -> ScheduleRun | None:
    return meeting.schedule_runs.order_by("-created_at", "-pk").first()


def decisions_of(*, user: Any, meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.visible_to(user)
        .filter(meeting=meeting)
        .select_related("item", "task", "result_item", "result_version__item", "result_task")
        .prefetch_related(
            Prefetch("actions", queryset=FollowUp.objects.select_related("owner", "party"))
        )
    )


def decision_detail(*, user: Any, pk: int) -> Decision:
    found = Decision.objects.visible_to(user).filter(pk=pk).select_related("meeting").first()
    if found is None:
        raise NotFound()
    return found


def actions_for(*, user: Any, mine: bool = False, status: str = "") -> QuerySet[FollowUp]:
    qs = FollowUp.objects.visible_to(user).select_related(
        "meeting", "decision__meeting", "owner", "party"
    )
    if mine:
        qs = qs.filter(owner=user)
    return qs.filter(status=status) if status else qs


@dataclass(frozen=True)
class Waiting:
    actions: list[FollowUp]
    requests: list[MeetingRequest]
    invitations: list[Delegate]


def waiting_for(*, user: Any, on: dt.date) -> Waiting:
    """What waits for ``user``: their open actions (all open ones for the joint office),
    requests to answer and invitations to answer."""
    actions = FollowUp.objects.visible_to(user).filter(status=ActionStatus.OPEN)
    if not is_office(user):
        actions = actions.filter(owner=user)
    mine = Delegate.objects.filter(user=user)
    return Waiting(
        actions=list(
            actions.select_related("decision__meeting", "meeting").order_by("due_on", "pk")
        ),
        requests=list(
            MeetingRequest.objects.filter(
                invitee__in=mine, status=RequestStatus.REQUESTED
            ).select_related("requester", "meeting")
        ),
        invitations=list(
            mine.filter(status=Rsvp.INVITED, meeting__ends_on__gte=on).select_related("meeting")
        ),
    )


@dataclass(frozen=True)
class Suggestion:
    """Someone at the meeting a delegate might ask, and why (a match or an interest)."""

    delegate: Delegate
    source: str
    candidate_id: int | None = None
    interest_id: int | None = None
    note: str = ""


def suggestions(*, user: Any, meeting: Meeting, delegate: Delegate) -> list[Suggestion]:
    """Delegates of parties a match run or an expression of interest links to ``delegate``'s."""
    from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun

    party = delegate.party_id
    present: dict[int, list[Delegate]] = {}
    for d in (
        Delegate.objects.filter(meeting=meeting, matchmaking=True)
        .exclude(pk=delegate.pk)
        .select_related("party")
    ):
        present.setdefault(d.party_id, []).append(d)
    runs = MatchRun.objects.visible_to(user).values("pk")
    candidates = (
        MatchCandidate.objects.filter(run__in=runs)
        .filter(Q(partner_id=party) | Q(demand__owner_id=party))
        .select_related("demand")
    )
    found: dict[int, Suggestion] = {}
    for c in candidates.order_by("rank", "pk")[:200]:
        other = c.demand.owner_id if c.partner_id == party else c.partner_id
        for d in present.get(other, []):
            found.setdefault(d.pk, Suggestion(d, "match", candidate_id=c.pk, note=c.demand.title))
    interests = (
        Interest.objects.visible_to(user)
        .filter(Q(partner_id=party) | Q(demand__owner_id=party))
        .select_related("demand")
    )
    for i in interests.order_by("-sent_at", "pk")[:200]:
        other = i.demand.owner_id if i.partner_id == party else i.partner_id
        for d in present.get(other, []):
            found.setdefault(d.pk, Suggestion(d, "interest", interest_id=i.pk, note=i.demand.title))
    return list(found.values())
