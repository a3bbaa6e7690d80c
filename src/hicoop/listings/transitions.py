"""The pure lifecycle table of demands, capabilities and achievements.

draft → submitted → published (joint office) or returned (joint office, with a reason);
returned → submitted; published → matched → closed; owners may close at any time before.
Expiry is not a status: a published record past its end date is hidden from partners until
its owner renews it. Editing a published record sends it back to review (``resubmit``).
Every step goes through :func:`hicoop.core.workflow.apply_transition` and writes one
``WorkflowEvent`` of the workflow ``listings.listing``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import AUTOMATIC, OFFICE, OWNER, Transition, Workflow
from hicoop.listings.choices import ListingStatus as S

__all__ = ["EDITABLE_STATUSES", "LISTING_WORKFLOW", "OFFICE", "OWNER", "TRANSITIONS"]

_OPEN = {S.DRAFT, S.SUBMITTED, S.RETURNED, S.PUBLISHED, S.MATCHED}

LISTING_WORKFLOW = Workflow(
    "listings.listing",
    S,
    Transition("submit", {S.DRAFT, S.RETURNED}, S.SUBMITTED, OWNER, label=_("Submit")),
    Transition("publish", {S.SUBMITTED}, S.PUBLISHED, OFFICE, label=_("Publish")),
    Transition("return", {S.SUBMITTED, S.PUBLISHED}, S.RETURNED, OFFICE, True, label=_("Return")),
    Transition("match", {S.PUBLISHED}, S.MATCHED, OFFICE, label=_("Mark as matched")),
    Transition("close", _OPEN, S.CLOSED, OWNER, label=_("Close")),
    Transition("reopen", {S.CLOSED}, S.DRAFT, OWNER, label=_("Reopen")),
    # Not a button: taken by the service when an owner edits a published record.
    Transition(
        "resubmit", {S.PUBLISHED}, S.SUBMITTED, AUTOMATIC, label=_("Edited after publication")
    ),
)

TRANSITIONS = LISTING_WORKFLOW.transitions

EDITABLE_STATUSES = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.PUBLISHED})


def transition_for(action: str, current: str) -> Transition | None:
    """The transition ``action`` allows from ``current``, or ``None`` when it is not allowed."""
    return LISTING_WORKFLOW.find(current, action)


def actions_from(current: str) -> list[str]:
    return [t.action for t in LISTING_WORKFLOW.actions_from(current) if t.by != AUTOMATIC]
