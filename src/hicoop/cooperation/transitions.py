"""The pure lifecycle tables of cooperation items and key tasks.

Items: proposed → agreed → in progress → completed, with suspended (and back) and terminated
exits. Key tasks: planned → in progress → completed, with suspended (and back). ``SIDE``
transitions may be taken by anyone who edits the record; ``OFFICE`` ones by the joint office.
"""

from __future__ import annotations

from dataclasses import dataclass

from hicoop.cooperation.choices import ItemStatus as I
from hicoop.cooperation.choices import TaskStatus as T

SIDE = "side"
OFFICE = "office"


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str]
    target: str
    by: str
    needs_reason: bool = False


def _table(*rows: Transition) -> dict[str, Transition]:
    return {t.action: t for t in rows}


ITEM_TRANSITIONS = _table(
    Transition("agree", frozenset({I.PROPOSED}), I.AGREED, SIDE),
    Transition("start", frozenset({I.AGREED}), I.IN_PROGRESS, SIDE),
    Transition("complete", frozenset({I.IN_PROGRESS}), I.COMPLETED, SIDE),
    Transition("suspend", frozenset({I.AGREED, I.IN_PROGRESS}), I.SUSPENDED, SIDE, True),
    Transition("resume", frozenset({I.SUSPENDED}), I.IN_PROGRESS, SIDE),
    Transition(
        "terminate",
        frozenset({I.PROPOSED, I.AGREED, I.IN_PROGRESS, I.SUSPENDED}),
        I.TERMINATED,
        OFFICE,
        True,
    ),
)

TASK_TRANSITIONS = _table(
    Transition("start", frozenset({T.PLANNED}), T.IN_PROGRESS, SIDE),
    Transition("complete", frozenset({T.IN_PROGRESS}), T.COMPLETED, SIDE),
    Transition("suspend", frozenset({T.PLANNED, T.IN_PROGRESS}), T.SUSPENDED, SIDE, True),
    Transition("resume", frozenset({T.SUSPENDED}), T.IN_PROGRESS, SIDE),
)

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
