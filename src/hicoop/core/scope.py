"""Write-scope checks shared by every app whose models' managers have ``editable_by(user)``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from hicoop.core.exceptions import PermissionDenied


def can_edit(record: Any, user: Any) -> bool:
    """Whether ``user`` may change ``record`` (scoped by its manager's ``editable_by``)."""
    return bool(type(record).objects.editable_by(user).filter(pk=record.pk).exists())


def require_edit(record: Any, actor: Any) -> None:
    """Refuse a change out of the actor's scope; ``actor=None`` is the system itself."""
    if actor is not None and not can_edit(record, actor):
        raise PermissionDenied(_("This record is outside your scope."))
