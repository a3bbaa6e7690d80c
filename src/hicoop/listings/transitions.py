"""The pure lifecycle table of demands, capabilities and achievements.

draft → submitted → published (joint office) or returned (joint office, with a reason);
returned → submitted; published → matched → closed; owners may close at any time before.
Expiry is not a status: a published record past its end date is hidden from partners until
its owner renews it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hicoop.listings.choices import ListingStatus as S

OWNER = "owner"
OFFICE = "office"


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset[str]
    target: str
    by: str  # OWNER or OFFICE (the joint office may always act for an owner)
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, OWNER),
        Transition("publish", frozenset({S.SUBMITTED}), S.PUBLISHED, OFFICE),
        Transition("return", frozenset({S.SUBMITTED, S.PUBLISHED}), S.RETURNED, OFFICE, True),
        Transition("match", frozenset({S.PUBLISHED}), S.MATCHED, OFFICE),
        Transition(
            "close",
            frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED, S.PUBLISHED, S.MATCHED}),
            S.CLOSED,
            OWNER,
        ),
        Transition("reopen", frozenset({S.CLOSED}), S.DRAFT, OWNER),
    )
}

EDITABLE_STATUSES = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.PUBLISHED})


def transition_for(action: str, current: str) -> Transition | None:
    """The transition ``action`` allows from ``current``, or ``None`` when it is not allowed."""
    transition = TRANSITIONS.get(action)
    if transition is None or current not in transition.source:
        return None
    return transition


def actions_from(current: str) -> list[str]:
    return [a for a, t in TRANSITIONS.items() if current in t.source]
