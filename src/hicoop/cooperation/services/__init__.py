"""Writes to cooperation items, key tasks and park pairings.

Every function is one transaction. Status changes only happen in ``transition_*`` against
``transitions.py`` and are recorded as ``StatusEvent`` rows; content changes of an item create a
new ``ItemVersion`` (动态调整) with what changed, why and by which decision; reports move the
indicators and milestones and the stored progress.
"""

from hicoop.cooperation.services.agreement import (
    agree_item,
    agreements_of,
    sides_of,
    sides_to_agree,
)
from hicoop.cooperation.services.common import TransitionNotAllowed
from hicoop.cooperation.services.items import (
    adjust_item,
    attach_decision,
    clean_item,
    create_item,
    recompute_item,
    submit_item_report,
    transition_item,
)
from hicoop.cooperation.services.pairings import add_activity, add_platform, add_result
from hicoop.cooperation.services.tasks import (
    plan_task_milestones,
    recompute_task,
    submit_task_report,
    transition_task,
)
from hicoop.core.scope import can_edit, require_edit

__all__ = [
    "TransitionNotAllowed",
    "add_activity",
    "add_platform",
    "add_result",
    "adjust_item",
    "agree_item",
    "agreements_of",
    "attach_decision",
    "can_edit",
    "clean_item",
    "create_item",
    "plan_task_milestones",
    "recompute_item",
    "recompute_task",
    "require_edit",
    "sides_of",
    "sides_to_agree",
    "submit_item_report",
    "submit_task_report",
    "transition_item",
    "transition_task",
]
