"""Partner gates: apps above matchmaking (credit supervision, issue 15) leave partners out of
match runs by registering a gate in their ``AppConfig.ready``::

    from hicoop.matchmaking.gates import register_partner_gate
    register_partner_gate(d_grade_employers)

A gate is called with the run's date and returns ``{party_id: reason}`` for the partners it
leaves out; every run leaves them out and lists them with the reason in its summary
(``excluded_by_gates``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

PartnerGate = Callable[[dt.date], dict[int, str]]
GATES: list[PartnerGate] = []


def register_partner_gate(gate: PartnerGate) -> None:
    if gate not in GATES:
        GATES.append(gate)


def unregister_partner_gate(gate: PartnerGate) -> None:
    if gate in GATES:
        GATES.remove(gate)


def left_out(on: dt.date) -> dict[int, str]:
    """Every partner some gate leaves out on ``on``, with the reasons joined."""
    found: dict[int, list[str]] = {}
    for gate in GATES:
        for party_id, reason in gate(on).items():
            found.setdefault(int(party_id), []).append(str(reason))
    return {pk: "; ".join(reasons) for pk, reasons in found.items()}
