"""Invitation gates: apps below meetings in the layers (credit supervision, issue 15) refuse an
invitation by registering a gate in their ``AppConfig.ready``::

    from hicoop.meetings.gates import register_invitation_gate  # (from the composition root
    register_invitation_gate(d_grade_employers)                  #  or a higher app)

A gate is called with the party invited, the meeting and whether the invitation includes the
1:1 matchmaking sessions; it returns ``None`` to let the invitation through or a sentence saying
why not. The joint office may still invite, giving its own reason; both are kept on the
delegate's record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from hicoop.core.exceptions import PermissionDenied

Gate = Callable[..., Any]  # (party, meeting, *, matchmaking: bool) -> str | None
GATES: list[Gate] = []


class InvitationRefused(PermissionDenied):
    code = "invitation_refused"
    default_message = _("This party may not be invited.")


def register_invitation_gate(gate: Gate) -> None:
    if gate not in GATES:
        GATES.append(gate)


def unregister_invitation_gate(gate: Gate) -> None:
    if gate in GATES:
        GATES.remove(gate)


def refusals(party: Any, meeting: Any, *, matchmaking: bool) -> list[str]:
    """Every gate's reason for refusing this invitation (empty when all let it through)."""
    found = []
    for gate in GATES:
        reason = gate(party, meeting, matchmaking=matchmaking)
        if reason:
            found.append(str(reason))
    return found
