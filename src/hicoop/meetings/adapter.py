"""The only place meeting rows become the scheduling engine's types (and back)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hicoop.engine.scheduling import Delegate as EngineDelegate
from hicoop.engine.scheduling import Meeting as EngineMeeting
from hicoop.engine.scheduling import Request as EngineRequest
from hicoop.engine.scheduling import ScheduleProblem
from hicoop.listings.choices import ListingStatus
from hicoop.meetings.choices import RequestStatus, Rsvp
from hicoop.meetings.models import Delegate, Meeting, MeetingRequest, SessionMeeting

NOT_ATTENDING = "not_attending"
NO_SLOTS = "no_slots"


@dataclass(frozen=True)
class Prepared:
    problem: ScheduleProblem
    slot_ids: list[int]
    left_out: list[dict[str, Any]]  # accepted requests the engine never sees, with why


def priority(request: MeetingRequest) -> int:
    """1 for a request backed by a match run or an open (published) demand, else 0."""
    if request.candidate_id:
        return 1
    return int(request.demand is not None and request.demand.status == ListingStatus.PUBLISHED)


def _taking_part(delegate: Delegate) -> bool:
    return delegate.matchmaking and delegate.status != Rsvp.DECLINED


def prepare(meeting: Meeting) -> Prepared:
    slots = list(meeting.slots.order_by("starts_at", "pk"))
    index = {slot.pk: n for n, slot in enumerate(slots)}
    requests = list(
        MeetingRequest.objects.filter(meeting=meeting, status=RequestStatus.ACCEPTED)
        .select_related("requester", "invitee", "demand")
        .order_by("pk")
    )
    delegates: dict[int, Delegate] = {}
    kept, left_out = [], []
    for r in requests:
        if not slots:
            left_out.append({"request": r.pk, "code": NO_SLOTS, "params": {}})
            continue
        gone = next((d for d in (r.requester, r.invitee) if not _taking_part(d)), None)
        if gone is not None:
            left_out.append(
                {"request": r.pk, "code": NOT_ATTENDING, "params": {"delegate": gone.pk}}
            )
            continue
        kept.append(r)
        delegates[r.requester_id], delegates[r.invitee_id] = r.requester, r.invitee
    away = _away(delegates)
    engine_delegates = tuple(
        EngineDelegate(
            d.pk, frozenset(n for pk, n in index.items() if pk not in away.get(d.pk, set())), d.cap
        )
        for d in sorted(delegates.values(), key=lambda d: d.pk)
    )
    ids = {r.pk for r in kept}
    placed = [
        p for p in SessionMeeting.objects.filter(slot__meeting=meeting) if p.request_id in ids
    ]
    problem = ScheduleProblem(
        tables=tuple(slot.tables for slot in slots),
        delegates=engine_delegates,
        requests=tuple(
            EngineRequest(r.pk, r.requester_id, r.invitee_id, priority(r)) for r in kept
        ),
        locked=tuple(
            EngineMeeting(p.request_id, index[p.slot_id], p.table, True) for p in placed if p.locked
        ),
        previous=tuple(EngineMeeting(p.request_id, index[p.slot_id], p.table) for p in placed),
    )
    return Prepared(problem, [slot.pk for slot in slots], left_out)


def _away(delegates: dict[int, Delegate]) -> dict[int, set[int]]:
    through = Delegate.away.through
    rows = through.objects.filter(delegate_id__in=list(delegates)).values_list(
        "delegate_id", "slot_id"
    )
    found: dict[int, set[int]] = {}
    for delegate_id, slot_id in rows:
        found.setdefault(delegate_id, set()).add(slot_id)
    return found
