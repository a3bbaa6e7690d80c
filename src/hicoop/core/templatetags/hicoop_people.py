"""Tags that turn stored values into what people read (see ``core.readable``)."""

from __future__ import annotations

from typing import Any

from django import template

from hicoop.core import readable

register = template.Library()


@register.simple_tag
def change_rows(entry: Any, record: Any) -> list[readable.ChangeRow]:
    return readable.change_rows(entry, record)


@register.simple_tag
def event_rows(events: Any, record: Any) -> list[readable.EventRow]:
    return readable.event_rows(events, record)


@register.filter
def action_label(action: str) -> str:
    return readable.action_label(action)


@register.filter
def field_text(record: Any, name: str) -> str:
    """A record's field in the reader's words (choice labels, names), e.g. a list of codes."""
    field = record._meta.get_field(name)
    return readable.value_text(field, getattr(record, field.attname, None))


@register.filter
def code_pairs(record: Any, name: str) -> list[tuple[str, Any]]:
    """A JSON dict keyed by codes as (label, value) pairs, e.g. the values of a progress report."""
    field = record._meta.get_field(name)
    value = getattr(record, field.attname, None) or {}
    return [(readable.code_label(field, k), v) for k, v in value.items()]
