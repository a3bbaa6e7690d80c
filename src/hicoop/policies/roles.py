"""Who edits the catalogue: the joint office and members of the Hainan S&T department
(海南省科学技术厅); everyone reads what is published."""

from __future__ import annotations

from typing import Any

from hicoop.accounts import roles
from hicoop.accounts.choices import Role
from hicoop.core.actors import SystemActor

HAINAN_DOST_KEY = "mechanism:hainan-dost"


def _department_path() -> str:
    from hicoop.parties.models import Party

    found = Party.objects.filter(external_id=HAINAN_DOST_KEY).values_list("path", flat=True).first()
    return found or "\0"


def is_editor(user: Any) -> bool:
    """Joint-office administrators, and members of the Hainan S&T department (not evaluators)."""
    if isinstance(user, SystemActor):
        return True
    if roles.is_joint_office_admin(user):
        return True
    grants = roles.grants_of(user)
    if not grants:
        return False
    cached = getattr(user, "_hicoop_policy_editor", None)
    if cached is None:
        path = _department_path()
        cached = any(g.role != Role.EVALUATOR and g.party_path.startswith(path) for g in grants)
        user._hicoop_policy_editor = cached
    return bool(cached)


def reads_all(user: Any) -> bool:
    """Editors and the roles that read every record (ministry officers, evaluators)."""
    return is_editor(user) or roles.reads_everything(user)


def member_party_ids(user: Any) -> tuple[int, ...]:
    return roles.own_party_ids(user)
