"""The pure lifecycle tables of cooperation items and key tasks.

Items: proposed → agreed → in progress → completed, with suspended (and back) and terminated
exits. Key tasks: planned → in progress → completed, with suspended (and back). ``SIDE``
transitions may be taken by anyone who edits the record; ``OFFICE`` ones by the joint office.
``BOTH_SIDES`` (agree) is taken only once each side agreed for itself — the Hainan side and the
partner side, each by its own people — or the joint office agreed on behalf of both with a
reason (:func:`missing_sides`; ``services.agreement``). Each side's agreement is a history row
``agree_hainan`` / ``agree_partner`` beside the status change.
Every step goes through :func:`hicoop.core.workflow.apply_transition` and writes one
``WorkflowEvent`` (workflows ``cooperation.item`` and ``cooperation.task``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.cooperation.choices import ItemStatus as I
from hicoop.cooperation.choices import Side
from hicoop.cooperation.choices import TaskStatus as T
from hicoop.core.workflow import OFFICE, SIDE, Transition, Workflow

__all__ = ["BOTH_SIDES", "ITEM_WORKFLOW", "OFFICE", "SIDE", "TASK_WORKFLOW", "Transition"]

# Taken by the service once both sides agreed (never directly by one side).
BOTH_SIDES = "both_sides"
# The two sides whose agreement an item needs, in the order they are shown.
AGREEING_SIDES = (Side.HAINAN, Side.PARTNER)
# History rows of one side's agreement (not status changes).
SIDE_AGREED: dict[str, str] = {Side.HAINAN: "agree_hainan", Side.PARTNER: "agree_partner"}

ITEM_WORKFLOW = Workflow(
    "cooperation.item",
    I,
    Transition("agree", {I.PROPOSED}, I.AGREED, BOTH_SIDES, label=_("Agree")),
    Transition("start", {I.AGREED}, I.IN_PROGRESS, SIDE, label=_("Start")),
    Transition("complete", {I.IN_PROGRESS}, I.COMPLETED, SIDE, label=_("Complete")),
    Transition("suspend", {I.AGREED, I.IN_PROGRESS}, I.SUSPENDED, SIDE, True, label=_("Suspend")),
    Transition("resume", {I.SUSPENDED}, I.IN_PROGRESS, SIDE, label=_("Resume")),
    Transition(
        "terminate",
        {I.PROPOSED, I.AGREED, I.IN_PROGRESS, I.SUSPENDED},
        I.TERMINATED,
        OFFICE,
        True,
        label=_("Terminate"),
    ),
    records={
        SIDE_AGREED[Side.HAINAN]: _("Hainan side agreed"),
        SIDE_AGREED[Side.PARTNER]: _("Partner side agreed"),
    },
)

TASK_WORKFLOW = Workflow(
    "cooperation.task",
    T,
    Transition("start", {T.PLANNED}, T.IN_PROGRESS, SIDE, label=_("Start")),
    Transition("complete", {T.IN_PROGRESS}, T.COMPLETED, SIDE, label=_("Complete")),
    Transition("suspend", {T.PLANNED, T.IN_PROGRESS}, T.SUSPENDED, SIDE, True, label=_("Suspend")),
    Transition("resume", {T.SUSPENDED}, T.IN_PROGRESS, SIDE, label=_("Resume")),
)

ITEM_TRANSITIONS = ITEM_WORKFLOW.transitions
TASK_TRANSITIONS = TASK_WORKFLOW.transitions

# Items whose content may still be adjusted and which take progress reports.
OPEN_ITEM_STATUSES = frozenset({I.PROPOSED, I.AGREED, I.IN_PROGRESS, I.SUSPENDED})
REPORTING_ITEM_STATUSES = frozenset({I.AGREED, I.IN_PROGRESS, I.SUSPENDED})
REPORTING_TASK_STATUSES = frozenset({T.PLANNED, T.IN_PROGRESS, T.SUSPENDED})


def find(
    table: dict[str, Transition], current: str, action: str = "", to: str = ""
) -> Transition | None:
    """The transition named ``action`` (or leading to ``to``) allowed from ``current``."""
    for transition in table.values():
        if current not in transition.source:
            continue
        if (action and transition.action == action) or (not action and to == transition.target):
            return transition
    return None


def actions_from(table: dict[str, Transition], current: str) -> list[Transition]:
    return [t for t in table.values() if current in t.source]


def missing_sides(agreed: set[str] | frozenset[str]) -> list[str]:
    """The sides whose agreement an item still waits for (none left: it may become agreed)."""
    return [str(side) for side in AGREEING_SIDES if side not in agreed]
