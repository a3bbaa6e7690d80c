"""Typed, expected failures. Each carries a stable code, an HTTP status and a translated message.

Views, the API and the command line map these to user-facing errors in one place each; nothing
above the service layer raises bare exceptions for expected problems.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class HicoopError(Exception):
    """Base class of every expected failure."""

    code = "error"
    status = 400
    default_message: Any = _("The request could not be completed.")

    def __init__(self, message: Any = None, *, details: Any = None) -> None:
        self.message = message if message is not None else self.default_message
        self.details = details if details is not None else {}
        super().__init__(str(self.message))


class ValidationFailed(HicoopError):
    """Input broke one or more rules; ``details`` maps field names to lists of messages."""

    code = "validation_error"
    status = 400
    default_message = _("Some fields are not valid.")


class NotFound(HicoopError):
    code = "not_found"
    status = 404
    default_message = _("The record does not exist or you may not see it.")


class PermissionDenied(HicoopError):
    code = "permission_denied"
    status = 403
    default_message = _("You are not allowed to do this.")


class Conflict(HicoopError):
    code = "conflict"
    status = 409
    default_message = _("The change conflicts with existing records.")


def validation_details(error: Any) -> dict[str, list[str]]:
    """Turn a Django ``ValidationError`` into ``{field: [message, ...]}``."""
    if hasattr(error, "message_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"__all__": [str(m) for m in getattr(error, "messages", [str(error)])]}
