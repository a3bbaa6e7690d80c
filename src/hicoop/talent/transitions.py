"""Status table of negative-list versions (pure).

A draft goes to review, back to draft with a reason, or is published (with a reason: the decision
behind the adjustment). Publishing supersedes the version in force, which the service moves with
``supersede``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, Transition, Workflow
from hicoop.talent.choices import ListStatus as S

LIST_WORKFLOW = Workflow(
    "talent.list_version",
    S,
    Transition("submit", {S.DRAFT}, S.UNDER_REVIEW, by=OFFICE, label=_("Submit for review")),
    Transition(
        "reopen", {S.UNDER_REVIEW}, S.DRAFT, by=OFFICE, needs_reason=True, label=_("Back to draft")
    ),
    Transition(
        "publish", {S.UNDER_REVIEW}, S.PUBLISHED, by=OFFICE, needs_reason=True, label=_("Publish")
    ),
    Transition(
        "supersede",
        {S.PUBLISHED},
        S.SUPERSEDED,
        by="system",
        needs_reason=True,
        label=_("Superseded"),
    ),
)
