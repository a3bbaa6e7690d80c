"""What a user is allowed to see and edit, derived from their memberships (cached per user object)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hicoop.accounts.choices import GLOBAL_READ_ROLES, SUBTREE_WRITE_ROLES, Role


@dataclass(frozen=True)
class Grant:
    role: str
    party_id: int
    party_path: str


def grants_of(user: Any) -> tuple[Grant, ...]:
    """The user's memberships as grants; empty for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, "_hicoop_grants", None)
    if cached is None:
        rows = user.memberships.select_related("party").filter(party__is_active=True)
        cached = tuple(Grant(m.role, m.party_id, m.party.path) for m in rows)
        user._hicoop_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    """Drop the cache after memberships change."""
    if hasattr(user, "_hicoop_grants"):
        del user._hicoop_grants


def is_joint_office_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(g.role == Role.JOINT_OFFICE_ADMIN for g in grants_of(user))


def reads_everything(user: Any) -> bool:
    if is_joint_office_admin(user):
        return True
    return any(g.role in GLOBAL_READ_ROLES for g in grants_of(user))


def subtree_paths(user: Any) -> tuple[str, ...]:
    """Paths of the subtrees a user may edit (region coordinator, park manager, ministry officer)."""
    return tuple(g.party_path for g in grants_of(user) if g.role in SUBTREE_WRITE_ROLES)


def own_party_ids(user: Any) -> tuple[int, ...]:
    """Every party the user belongs to, whatever the role."""
    return tuple(g.party_id for g in grants_of(user))


def unit_party_ids(user: Any) -> tuple[int, ...]:
    return tuple(g.party_id for g in grants_of(user) if g.role == Role.UNIT_MEMBER)
