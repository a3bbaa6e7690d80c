"""The pure lifecycle table of expressions of interest.

sent → accepted or declined (the side that did not send it — the partner, or the demand's owner
for an interest a partner sent — or the joint office); sent → withdrawn (the sender). Every answer goes through :func:`hicoop.core.workflow.apply_transition` and
writes one ``WorkflowEvent`` of the workflow ``matchmaking.interest``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import Transition, Workflow
from hicoop.matchmaking.choices import InterestStatus as S

ANSWERER = "answerer"
SENDER = "sender"

INTEREST_WORKFLOW = Workflow(
    "matchmaking.interest",
    S,
    Transition("accept", {S.SENT}, S.ACCEPTED, ANSWERER, label=_("Accept")),
    Transition("decline", {S.SENT}, S.DECLINED, ANSWERER, needs_reason=True, label=_("Decline")),
    Transition("withdraw", {S.SENT}, S.WITHDRAWN, SENDER, label=_("Withdraw")),
)
