"""Who acts: a signed-in user or a named system actor.

Every service takes an ``actor``; history (audit entries, workflow events, versions, jobs) names it.
A system actor is never ``None``: the loader, the scheduler, the matching engine, the demo loader
and a server operator at the command line each have their own name, shown to users as a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

SYSTEM_PREFIX = "system:"


@dataclass(frozen=True)
class SystemActor:
    """A named part of the platform acting on its own (never a person)."""

    name: str
    label: Any = field(compare=False, default="")

    @property
    def is_authenticated(self) -> bool:
        return False

    @property
    def stored_name(self) -> str:
        return f"{SYSTEM_PREFIX}{self.name}"

    def __str__(self) -> str:
        return str(self.label or self.name)


LOADER = SystemActor("loader", _("Mechanism loader"))
SCHEDULER = SystemActor("scheduler", _("Scheduler"))
MATCHING = SystemActor("matching", _("Matching engine"))
DEMO = SystemActor("demo", _("Demo data loader"))
OPERATOR = SystemActor("operator", _("Server operator (command line)"))
SYSTEM_ACTORS: dict[str, SystemActor] = {
    a.name: a for a in (LOADER, SCHEDULER, MATCHING, DEMO, OPERATOR)
}

Actor: TypeAlias = "AbstractBaseUser | SystemActor"


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def user_of(actor: Any) -> Any:
    """The user account behind ``actor`` (``None`` for a system actor or an anonymous visitor)."""
    if isinstance(actor, SystemActor) or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def stored_name(actor: Any) -> str:
    """What history rows keep in their ``actor_name`` column."""
    if isinstance(actor, SystemActor):
        return actor.stored_name
    user = user_of(actor)
    return user.get_username() if user is not None else ""


def display_name(name: str) -> str:
    """A stored actor name as users read it: system actors by their translated label."""
    if name.startswith(SYSTEM_PREFIX):
        actor = SYSTEM_ACTORS.get(name[len(SYSTEM_PREFIX) :])
        return str(actor.label) if actor else str(_("System"))
    if name in ("", "system"):
        return str(_("System"))
    return name


def require_actor(actor: Any) -> None:
    """Refuse a missing acting user early: services never run for nobody."""
    if actor is None or not (isinstance(actor, SystemActor) or user_of(actor) is not None):
        from hicoop.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Please log in to do this."))
