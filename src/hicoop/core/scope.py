"""Write-scope checks shared by every app whose models' managers have ``editable_by(user)``.

Kept for the first apps; the checks themselves live in :mod:`hicoop.core.access` (a system actor
may always write; a user by the manager's ``editable_by``).
"""

from __future__ import annotations

from typing import Any

from hicoop.core import access


def can_edit(record: Any, user: Any) -> bool:
    """Whether ``user`` may change ``record`` (scoped by its manager's ``editable_by``)."""
    return access.can_edit(record, user)


def require_edit(record: Any, actor: Any) -> None:
    """Refuse a change out of the actor's scope (a system actor is never refused)."""
    access.require_edit(record, actor)
