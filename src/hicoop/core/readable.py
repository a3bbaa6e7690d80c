"""Stored values as people read them: audit changes by field label with labels, names and local
times instead of codes, ids and UTC; status events by action and status labels.

Pages never show a field name, an id, a search key or a UTC timestamp (docs/adr/0015)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Fields kept for machines only: never listed in a change history.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "path",
        "search_tokens",
        "search_text",
        "search_key",
        "search_vector",
        "embedding",
        "vector",
        "created_at",
        "updated_at",
        "depth",
        "content_hash",
        "external_key",
    }
)
HIDDEN_SUFFIXES = ("_tokens", "_key", "_vector", "_hash", "_digest")

# The verbs of every status table, as users read them.
ACTION_LABELS: dict[str, Any] = {
    "create": gettext_lazy("Created"),
    "submit": gettext_lazy("Submitted for review"),
    "publish": gettext_lazy("Published"),
    "return": gettext_lazy("Returned for changes"),
    "match": gettext_lazy("Marked as matched"),
    "close": gettext_lazy("Closed"),
    "reopen": gettext_lazy("Reopened as draft"),
    "agree": gettext_lazy("Agreed"),
    "start": gettext_lazy("Started"),
    "complete": gettext_lazy("Completed"),
    "suspend": gettext_lazy("Suspended"),
    "resume": gettext_lazy("Resumed"),
    "terminate": gettext_lazy("Terminated"),
    "cancel": gettext_lazy("Cancelled"),
    "withdraw": gettext_lazy("Withdrawn"),
    "accept": gettext_lazy("Accepted"),
    "decline": gettext_lazy("Declined"),
    "adjust": gettext_lazy("Adjusted"),
    "renew": gettext_lazy("Renewed"),
    "expire": gettext_lazy("Expired"),
}


# Labels of the codes a JSON field keeps (a list of codes, or a dict keyed by codes), which the
# app owning the model registers in ``AppConfig.ready``.
CODE_LABELS: dict[tuple[str, str], dict[str, Any]] = {}


def register_code_labels(model: str, field: str, choices: Iterable[tuple[str, Any]]) -> None:
    """``register_code_labels("listings.Achievement", "transfer_modes", TransferMode.choices)``."""
    CODE_LABELS[(model.lower(), field)] = dict(choices)


def _code_labels(field: models.Field) -> dict[str, Any]:
    model = getattr(field, "model", None)
    if model is None:
        return {}
    return CODE_LABELS.get((model._meta.label_lower, field.name), {})


def code_label(field: models.Field, code: Any) -> str:
    return str(_code_labels(field).get(str(code), code))


@dataclass(frozen=True)
class ChangeRow:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class EventRow:
    at: Any
    actor_name: str
    action: str
    from_label: str
    to_label: str
    reason: str


def hidden(name: str) -> bool:
    return name in HIDDEN_FIELDS or name.endswith(HIDDEN_SUFFIXES)


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action.replace("_", " ")


def status_label(model: type[models.Model] | None, status: str) -> str:
    if not status:
        return ""
    if model is not None:
        try:
            field = model._meta.get_field("status")
        except Exception:
            field = None
        if field is not None and getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(status, status))
    return status.replace("_", " ")


def event_rows(events: Iterable[Any], record: models.Model) -> list[EventRow]:
    """Status events (of any app's event table) with labels instead of codes."""
    model = type(record)
    return [
        EventRow(
            at=e.at,
            actor_name=getattr(e, "actor_name", ""),
            action=action_label(e.action),
            from_label=status_label(model, e.from_status),
            to_label=status_label(model, e.to_status),
            reason=getattr(e, "reason", ""),
        )
        for e in events
    ]


def _local(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(moment):
        return moment.strftime("%Y-%m-%d %H:%M")
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _name_of(obj: Any) -> str:
    for attr in ("display_name", "display_title", "title", "name"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return str(obj)


def _names(model: type[models.Model], pks: Iterable[Any]) -> str:
    wanted = [pk for pk in pks if pk not in (None, "")]
    if not wanted:
        return "—"
    found = {str(o.pk): _name_of(o) for o in model._default_manager.filter(pk__in=wanted)}
    return "、".join(found.get(str(pk), _("(removed)")) for pk in wanted)


def _choice(field: models.Field, value: Any) -> str:
    labels = {str(k): str(v) for k, v in field.flatchoices}
    return labels.get(str(value), str(value))


def value_text(field: models.Field | None, value: Any) -> str:
    """One stored value (as the audit snapshot keeps it) in the reader's words."""
    if value is None or value == "" or value == []:
        return "—"
    if field is None:
        return str(value)
    if field.many_to_many and field.related_model is not None:
        return _names(field.related_model, value if isinstance(value, list) else [value])
    if field.is_relation and field.related_model is not None:
        return _names(field.related_model, [value])
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return _local(value)
    base = getattr(field, "base_field", None)
    if isinstance(value, list):
        inner = base if base is not None and getattr(base, "choices", None) else None
        return "；".join(
            _choice(inner, v) if inner is not None else code_label(field, v) for v in value
        )
    if getattr(field, "choices", None):
        return _choice(field, value)
    if isinstance(value, dict):
        return "；".join(f"{code_label(field, k)}: {v}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def change_rows(entry: Any, record: models.Model | type[models.Model]) -> list[ChangeRow]:
    """An audit entry's changes by field label, internal fields left out."""
    model = record if isinstance(record, type) else type(record)
    rows = []
    for name, pair in (entry.changes or {}).items():
        if hidden(name):
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        old, new = (
            ([*list(pair), None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        )
        label = capfirst(str(getattr(field, "verbose_name", name)))
        rows.append(ChangeRow(label=label, old=value_text(field, old), new=value_text(field, new)))
    return rows
