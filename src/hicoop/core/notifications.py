"""In-app notifications: a kind per occasion (declared by the app that raises it), one row per
recipient, rendered in the reader's language, marked read when opened.

Apps declare kinds once (usually in ``choices.py``) and register them in ``AppConfig.ready``::

    INTEREST_RECEIVED = NoticeKind(
        "matchmaking.interest_received",
        _("Interest received"),
        _("%(party)s is interested in your %(record)s"),
    )

and call :func:`notify` from a service, inside its transaction.

A parameter is stored as typed, or in every language when it has several forms: a party's
Chinese and English names (:func:`bilingual`) or a translated phrase (:func:`in_languages`). The
sentence is rendered when read, in the reader's language (ADR 0048).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from hicoop.core.actors import stored_name, user_of
from hicoop.core.models import Notification


@dataclass(frozen=True)
class NoticeKind:
    name: str
    label: Any
    template: Any  # lazy text with %(name)s placeholders filled from the notification's params


KINDS: dict[str, NoticeKind] = {}


def register_kinds(*kinds: NoticeKind) -> None:
    for kind in kinds:
        KINDS[kind.name] = kind


PARAM_MAX = 500
LANG_KEY = "_lang"  # marks a parameter stored in every language: {"_lang": 1, "zh-hans": …}


def bilingual(zh: str, en: str = "") -> dict[str, Any]:
    """A name in Chinese and English; English readers see the Chinese one when there is none."""
    return {LANG_KEY: 1, "zh-hans": zh, "en": en or zh}


def in_languages(render: Callable[[], Any]) -> dict[str, Any]:
    """``render()`` (a translated phrase, a record's language-dependent name) in every language."""
    forms: dict[str, Any] = {LANG_KEY: 1}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            forms[code] = str(render())
    return forms


def _stored(value: Any) -> Any:
    if isinstance(value, dict) and value.get(LANG_KEY):
        return {k: (v if k == LANG_KEY else str(v)[:PARAM_MAX]) for k, v in value.items()}
    return str(value)[:PARAM_MAX]


def _read(value: Any) -> str:
    """A stored parameter in the active language (older rows hold plain text)."""
    if not isinstance(value, dict):
        return str(value)
    lang = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    form = value.get("en") if lang.startswith("en") else None
    return str(form or value.get(settings.LANGUAGE_CODE) or "")


def text_of(notification: Notification) -> str:
    """The notification's sentence in the active language."""
    kind = KINDS.get(notification.kind)
    params = {k: _read(v) for k, v in notification.params.items()}
    if kind is None:
        return params.get("text", notification.kind)
    try:
        return str(kind.template) % params
    except (KeyError, ValueError, TypeError):
        return str(kind.label)


def label_of(notification: Notification) -> str:
    kind = KINDS.get(notification.kind)
    return str(kind.label) if kind else notification.kind


def _recipients(users: Iterable[Any], actor: Any) -> list[Any]:
    seen: dict[int, Any] = {}
    acting = user_of(actor)
    for user in users:
        account = user_of(user)
        if account is None or not account.is_active or account.pk in seen:
            continue
        if acting is not None and account.pk == acting.pk:
            continue  # nobody is told about their own action
        seen[account.pk] = account
    return list(seen.values())


def notify(
    *,
    recipients: Iterable[Any],
    kind: NoticeKind,
    params: dict[str, Any],
    actor: Any,
    url: str = "",
    target: models.Model | None = None,
) -> list[Notification]:
    """One notification per recipient (never the actor), in the caller's transaction."""
    KINDS.setdefault(kind.name, kind)
    target_type = ContentType.objects.get_for_model(type(target)) if target is not None else None
    rows = [
        Notification(
            recipient=user,
            kind=kind.name,
            params={k: _stored(v) for k, v in params.items()},
            url=url[:500],
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            actor_name=stored_name(actor),
        )
        for user in _recipients(recipients, actor)
    ]
    return Notification.objects.bulk_create(rows)


def notifications_for(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    account = user_of(user)
    if account is None:
        return Notification.objects.none()
    found = Notification.objects.filter(recipient=account)
    return found.filter(read_at__isnull=True) if unread_only else found


def unread_count(user: Any) -> int:
    return notifications_for(user=user, unread_only=True).count()


@transaction.atomic
def mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is ``None``)."""
    found = notifications_for(user=user, unread_only=True)
    if ids is not None:
        found = found.filter(pk__in=list(ids))
    return found.update(read_at=timezone.now())


def mark_read_for_target(*, user: Any, target: models.Model) -> int:
    """Opening a record marks its notifications read."""
    return (
        notifications_for(user=user, unread_only=True)
        .filter(target_type=ContentType.objects.get_for_model(type(target)), target_id=target.pk)
        .update(read_at=timezone.now())
    )
