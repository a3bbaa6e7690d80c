"""A user's notification e-mail choices: the digest on or off, the kinds left out, the language.

In-app notifications are always shown; these choices affect e-mail only (ADR 0048).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.actors import user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction, NoticePreference
from hicoop.core.notifications import KINDS


def email_kinds() -> list[tuple[str, str]]:
    """Every notification kind a user may leave out of e-mail: (name, label), by name."""
    return [(name, str(kind.label)) for name, kind in sorted(KINDS.items())]


def preference_of(user: Any) -> NoticePreference:
    """The stored choices, or the defaults (not saved) for a user who never chose."""
    account = user_of(user)
    if account is None:
        raise PermissionDenied(_("Please log in to do this."))
    found = NoticePreference.objects.filter(user=account).first()
    return found or NoticePreference(user=account)


def _clean(*, language: str, muted_kinds: Iterable[Any]) -> list[str]:
    errors: dict[str, list[str]] = {}
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose Chinese (zh-hans) or English (en).")]
    muted = list(muted_kinds)
    unknown = sorted({str(k) for k in muted} - set(KINDS))
    if len(muted) > len(KINDS) or unknown:
        errors["muted_kinds"] = [
            _("Unknown notification kind: %(kinds)s") % {"kinds": ", ".join(unknown)[:300]}
        ]
    if errors:
        raise ValidationFailed(details=errors)
    return sorted({str(k) for k in muted})


@transaction.atomic
def save_preferences(
    *, user: Any, actor: Any, email_enabled: bool, language: str, muted_kinds: Iterable[Any]
) -> NoticePreference:
    """Store a user's own choices (nobody else changes them)."""
    if user_of(actor) is None or user_of(actor).pk != user_of(user).pk:
        raise PermissionDenied(_("You can change only your own notification settings."))
    muted = _clean(language=language, muted_kinds=muted_kinds)
    found = preference_of(user)
    before = audit.snapshot(found) if found.pk else None
    found.email_enabled = bool(email_enabled)
    found.language = language
    found.muted_kinds = muted
    found.save()
    audit.record(
        instance=found,
        actor=actor,
        action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
        before=before,
    )
    return found
