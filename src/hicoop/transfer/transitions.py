"""The pure status tables of the transfer domain (applied by ``core.workflow``).

OWNER steps are taken by anyone who may edit the contract (a side's unit, its coordinators, the
office); registering a contract is the office's (技术合同登记 is done by the registry, recorded by
the joint office); terminating needs a reason. Grants are approved or refused by the institution.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, OWNER, Transition, Workflow
from hicoop.transfer.choices import GrantStatus, TransferStatus

S, G = TransferStatus, GrantStatus

TRANSFER_WORKFLOW = Workflow(
    "transfer.transfer",
    TransferStatus,
    Transition("sign", {S.DRAFT}, S.SIGNED, by=OWNER, label=_("Mark as signed")),
    Transition("register", {S.SIGNED}, S.REGISTERED, by=OFFICE, label=_("Record registration")),
    Transition("take_effect", {S.REGISTERED}, S.IN_EFFECT, by=OWNER, label=_("Mark in effect")),
    Transition("complete", {S.IN_EFFECT}, S.COMPLETED, by=OWNER, label=_("Mark completed")),
    Transition(
        "terminate",
        {S.DRAFT, S.SIGNED, S.REGISTERED, S.IN_EFFECT},
        S.TERMINATED,
        by=OWNER,
        needs_reason=True,
        label=_("Terminate"),
    ),
)

GRANT_WORKFLOW = Workflow(
    "transfer.grant",
    GrantStatus,
    Transition("approve", {G.PROPOSED}, G.APPROVED, by=OWNER, label=_("Approve (institution)")),
    Transition("refuse", {G.PROPOSED}, G.REFUSED, by=OWNER, needs_reason=True, label=_("Refuse")),
    Transition("revoke", {G.APPROVED}, G.REVOKED, by=OFFICE, needs_reason=True, label=_("Revoke")),
)
