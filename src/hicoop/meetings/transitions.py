"""The pure status tables of the meetings domain (applied by ``core.workflow``).

``by``: OFFICE steps are the joint office's; OWNER steps are taken by whoever the service lets
(the invited delegate for an RSVP, the asked delegate for a 1:1 request, the owner of a
follow-up action), and the service checks who that is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, OWNER, Transition, Workflow
from hicoop.meetings.choices import (
    ActionStatus,
    AgendaStatus,
    DecisionStatus,
    MeetingStatus,
    RequestStatus,
    Rsvp,
    TopicStatus,
)

M, R, T, Q = MeetingStatus, Rsvp, TopicStatus, RequestStatus

MEETING_WORKFLOW = Workflow(
    "meetings.meeting",
    MeetingStatus,
    Transition("hold", {M.PLANNED}, M.HELD, by=OFFICE, label=_("Mark as held")),
    Transition("close", {M.HELD}, M.CLOSED, by=OFFICE, label=_("Close")),
)

RSVP_WORKFLOW = Workflow(
    "meetings.rsvp",
    Rsvp,
    Transition("accept", {R.INVITED, R.DECLINED}, R.ACCEPTED, label=_("Will attend")),
    Transition("decline", {R.INVITED, R.ACCEPTED}, R.DECLINED, label=_("Will not attend")),
)

TOPIC_WORKFLOW = Workflow(
    "meetings.topic",
    TopicStatus,
    Transition("accept", {T.PROPOSED}, T.ACCEPTED, by=OFFICE, label=_("Accept")),
    Transition("merge", {T.PROPOSED}, T.MERGED, by=OFFICE, needs_reason=True, label=_("Merge")),
    Transition(
        "decline", {T.PROPOSED}, T.DECLINED, by=OFFICE, needs_reason=True, label=_("Decline")
    ),
)

AGENDA_WORKFLOW = Workflow(
    "meetings.agenda",
    AgendaStatus,
    Transition(
        "finalize", {AgendaStatus.PRELIMINARY}, AgendaStatus.FINAL, by=OFFICE, label=_("Finalise")
    ),
)

REQUEST_WORKFLOW = Workflow(
    "meetings.request",
    RequestStatus,
    Transition("accept", {Q.REQUESTED}, Q.ACCEPTED, by=OWNER, label=_("Accept")),
    Transition("decline", {Q.REQUESTED}, Q.DECLINED, by=OWNER, label=_("Decline")),
    Transition("withdraw", {Q.REQUESTED, Q.ACCEPTED}, Q.WITHDRAWN, by=OWNER, label=_("Withdraw")),
)

DECISION_WORKFLOW = Workflow(
    "meetings.decision",
    DecisionStatus,
    Transition("execute", {DecisionStatus.DRAFT}, DecisionStatus.EXECUTED, label=_("Carry out")),
)

ACTION_WORKFLOW = Workflow(
    "meetings.action",
    ActionStatus,
    Transition("complete", {ActionStatus.OPEN}, ActionStatus.DONE, label=_("Mark as done")),
    Transition(
        "reopen",
        {ActionStatus.DONE},
        ActionStatus.OPEN,
        by=OFFICE,
        needs_reason=True,
        label=_("Reopen"),
    ),
)
