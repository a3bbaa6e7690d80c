"""Who does what in the talent app.

* Editors of the negative list: joint-office administrators and foreign-talent officers.
* Personal data of permit holders (names, passport numbers, birth dates) is shown unmasked only to
  foreign-talent officers and to members of the holder's employer; permit numbers are masked
  for unit members of other parties as well (PIPL).
"""

from __future__ import annotations

from typing import Any

from hicoop.accounts import roles
from hicoop.accounts.choices import Role
from hicoop.core.actors import SystemActor


def is_talent_officer(user: Any) -> bool:
    if isinstance(user, SystemActor):
        return True
    return any(g.role == Role.TALENT_OFFICER for g in roles.grants_of(user))


def is_editor(user: Any) -> bool:
    """May draft, review and publish list versions."""
    return is_talent_officer(user) or roles.is_joint_office_admin(user)


def reads_all(user: Any) -> bool:
    return is_editor(user) or roles.reads_everything(user)


def member_party_ids(user: Any) -> tuple[int, ...]:
    return roles.own_party_ids(user)


def is_unit_member(user: Any) -> bool:
    return bool(roles.unit_party_ids(user))


def sees_personal_data(user: Any, employer_id: int | None) -> bool:
    """Officers, and members of the holder's employer."""
    if is_talent_officer(user):
        return True
    return employer_id is not None and employer_id in member_party_ids(user)


def sees_permit_number(user: Any, employer_id: int | None) -> bool:
    """Everyone but unit members of other parties."""
    if sees_personal_data(user, employer_id):
        return True
    return not is_unit_member(user)
