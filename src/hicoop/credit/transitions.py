"""The pure status tables of credit supervision (applied by ``core.workflow``).

OFFICE steps are the officers' (see ``roles``); OWNER steps are the subject's side (the
employer's members for itself and its workers), checked by the service.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, OWNER, Transition, Workflow
from hicoop.credit.choices import EventStatus, ObjectionStatus, RepairStatus

E, OB, R = EventStatus, ObjectionStatus, RepairStatus

EVENT_WORKFLOW = Workflow(
    "credit.event",
    EventStatus,
    Transition("expire", {E.IN_FORCE}, E.EXPIRED, by=OFFICE, label=_("Expire")),
    Transition(
        "overturn", {E.IN_FORCE}, E.OVERTURNED, by=OFFICE, needs_reason=True, label=_("Overturn")
    ),
    Transition("repair", {E.IN_FORCE}, E.REPAIRED, by=OFFICE, needs_reason=True, label=_("Repair")),
)

OBJECTION_WORKFLOW = Workflow(
    "credit.objection",
    ObjectionStatus,
    Transition("review", {OB.SUBMITTED}, OB.UNDER_REVIEW, by=OFFICE, label=_("Start the review")),
    Transition(
        "uphold", {OB.UNDER_REVIEW}, OB.UPHELD, by=OFFICE, needs_reason=True, label=_("Uphold")
    ),
    Transition(
        "dismiss", {OB.UNDER_REVIEW}, OB.DISMISSED, by=OFFICE, needs_reason=True, label=_("Dismiss")
    ),
    Transition(
        "withdraw",
        {OB.SUBMITTED, OB.UNDER_REVIEW},
        OB.WITHDRAWN,
        by=OWNER,
        needs_reason=True,
        label=_("Withdraw"),
    ),
)

REPAIR_WORKFLOW = Workflow(
    "credit.repair",
    RepairStatus,
    Transition(
        "approve", {R.SUBMITTED}, R.APPROVED, by=OFFICE, needs_reason=True, label=_("Approve")
    ),
    Transition(
        "reject", {R.SUBMITTED}, R.REJECTED, by=OFFICE, needs_reason=True, label=_("Reject")
    ),
)
