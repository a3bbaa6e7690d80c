"""The pure lifecycle table of expressions of interest.

sent → accepted or declined (the partner, or the joint office for it); sent → withdrawn (the
demand's owner). Every answer goes through :func:`hicoop.core.workflow.apply_transition` and
writes one ``WorkflowEvent`` of the workflow ``matchmaking.interest``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OWNER, Transition, Workflow
from hicoop.matchmaking.choices import InterestStatus as S

PARTNER = "partner"

INTEREST_WORKFLOW = Workflow(
    "matchmaking.interest",
    S,
    Transition("accept", {S.SENT}, S.ACCEPTED, PARTNER, label=_("Accept")),
    Transition("decline", {S.SENT}, S.DECLINED, PARTNER, needs_reason=True, label=_("Decline")),
    Transition("withdraw", {S.SENT}, S.WITHDRAWN, OWNER, label=_("Withdraw")),
)
