"""Field-level audit trail. Services call :func:`snapshot` before a change and :func:`record` after.

A snapshot is a plain dict of the record's concrete fields (foreign keys by id, many-to-many by
sorted ids), so two snapshots diff into ``{field: [old, new]}``.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from hicoop.core.actors import stored_name, user_of
from hicoop.core.models import AuditAction, AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)  # files, UUIDs and other objects are kept by their text form


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The auditable state of ``instance``."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "path"}:
            continue
        data[field.name] = _plain(getattr(instance, field.attname))
    if instance.pk is not None:
        for m2m in instance._meta.many_to_many:
            data[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    instance: models.Model,
    actor: Any,
    action: str,
    before: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry | None:
    """Store one audit entry; an update that changed nothing stores nothing."""
    after = {} if action == AuditAction.DELETE else snapshot(instance)
    if action == AuditAction.CREATE:
        changes = diff({}, after)
    elif action == AuditAction.DELETE:
        changes = diff(before or {}, {})
    else:
        changes = diff(before or {}, after)
        if not changes:
            return None
    user = user_of(actor)
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        action=action,
        actor=user,
        actor_name=stored_name(actor) or "system",
        changes=changes,
        reason=reason,
    )


def user_edited_fields(instance: models.Model) -> set[str]:
    """Fields a person (not a system actor) has set on ``instance``: loaders leave them alone."""
    rows = history_for(instance).filter(actor__isnull=False).values_list("changes", flat=True)
    return {name for changes in rows for name in (changes or {})}


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    """Audit entries of one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
    ).select_related("actor")
