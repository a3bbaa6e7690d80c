"""Who may see and change a record, as far as the kit needs to know.

``core`` imports no domain app: the accounts app registers how to recognise the joint office, and
every model whose records the kit serves (attachments, jobs, panels) has a manager with
``visible_to(user)`` and, for writes, ``editable_by(user)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from hicoop.core.actors import SystemActor, user_of
from hicoop.core.exceptions import PermissionDenied

_office_check: list[Callable[[Any], bool]] = []


def register_office_check(check: Callable[[Any], bool]) -> None:
    """Called once by the accounts app: how to tell a joint-office administrator."""
    _office_check[:] = [check]


class _Registered:
    """Functions a higher app provides to a lower one, looked up when called (never imported)."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._provider: Any = None

    def register(self, provider: Any) -> None:
        self._provider = provider

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._provider is None:
            raise RuntimeError(f"No {self._what} registered (is the accounts app installed?)")
        return getattr(self._provider, name)


# How a user's memberships scope parties: ``is_joint_office_admin``, ``reads_everything``,
# ``subtree_paths``, ``own_party_ids``, ``unit_party_ids``, ``grants_of`` (accounts.roles).
party_roles: Any = _Registered("party roles")


def register_party_roles(provider: Any) -> None:
    """Called once by the accounts app, so that parties (a lower layer) can read memberships."""
    party_roles.register(provider)


def is_office(actor: Any) -> bool:
    """Whether ``actor`` acts for the joint office (system actors always do)."""
    if isinstance(actor, SystemActor):
        return True
    user = user_of(actor)
    if user is None:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(_office_check and _office_check[0](user))


def can_see(record: models.Model, user: Any) -> bool:
    """Whether ``user`` may see ``record`` (by its manager's ``visible_to``)."""
    if isinstance(user, SystemActor):
        return True
    manager: Any = type(record)._default_manager
    if not hasattr(manager, "visible_to"):
        return is_office(user)
    return bool(manager.visible_to(user).filter(pk=record.pk).exists())


def can_edit(record: models.Model, actor: Any) -> bool:
    """Whether ``actor`` may change ``record`` (by its manager's ``editable_by``)."""
    if isinstance(actor, SystemActor):
        return True
    manager: Any = type(record)._default_manager
    if not hasattr(manager, "editable_by"):
        return is_office(actor)
    return bool(manager.editable_by(actor).filter(pk=record.pk).exists())


def require_edit(record: models.Model, actor: Any) -> None:
    """Refuse a change out of the actor's scope."""
    if not can_edit(record, actor):
        raise PermissionDenied(_("This record is outside your scope."))


def require_office(actor: Any) -> None:
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office may do this."))
