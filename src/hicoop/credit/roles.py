"""Who keeps the credit ledger: the joint office, foreign-talent officers (role talent_officer)
and members of the Hainan S&T department (海南省科学技术厅, which issues the work permits in
Hainan). An employer's own members see their employer's subject and its workers; nobody else
sees personal records (the public list of serious dishonesty cases is open to all)."""

from __future__ import annotations

from typing import Any

from hicoop.accounts import roles
from hicoop.accounts.choices import Role
from hicoop.core.actors import SystemActor
from hicoop.policies.roles import HAINAN_DOST_KEY


def _department_path() -> str:
    from hicoop.parties.models import Party

    found = Party.objects.filter(external_id=HAINAN_DOST_KEY).values_list("path", flat=True).first()
    return found or "\0"


def is_officer(user: Any) -> bool:
    """Joint-office administrators, foreign-talent officers (the role the work-permit registry
    uses) and members of the Hainan S&T department (not evaluators)."""
    if isinstance(user, SystemActor):
        return True
    if roles.is_joint_office_admin(user):
        return True
    grants = roles.grants_of(user)
    if not grants:
        return False
    if any(g.role == Role.TALENT_OFFICER for g in grants):
        return True
    cached = getattr(user, "_hicoop_credit_officer", None)
    if cached is None:
        path = _department_path()
        cached = any(g.role != Role.EVALUATOR and g.party_path.startswith(path) for g in grants)
        user._hicoop_credit_officer = cached
    return bool(cached)


def own_party_ids(user: Any) -> tuple[int, ...]:
    return roles.own_party_ids(user)
