"""Tags that turn stored values into what people read (see ``core.readable``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation

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


@register.filter
def measure_mark(measure: Any) -> str:
    return readable.measure_mark(measure)


@register.filter
def measure_label(measure: Any) -> str:
    return readable.measure_label(measure)


@register.filter
def stored_text(text: str) -> str:
    """A reason the platform wrote in one language, shown in the reader's (see readable)."""
    return readable.stored_text(text)


# Units as typed in the mechanism's data, in English.
UNITS_EN = {
    "项": "",
    "个": "",
    "万元": "10k yuan",
    "亿元": "100m yuan",
    "元": "yuan",
    "人": "people",
    "人次": "person-times",
    "家": "enterprises",
    "次": "times",
    "场": "events",
    "件": "",
    "%": "%",
}


@register.filter
def unit_text(unit: str) -> str:
    lang = translation.get_language() or ""
    if not unit or lang.startswith("zh"):
        return unit or ""
    return UNITS_EN.get(unit.strip(), unit)


@register.filter
def indicator_name(indicator: Any) -> str:
    """An indicator's name; in English the label of its kind when it has one."""
    lang = translation.get_language() or ""
    if lang.startswith("zh") or getattr(indicator, "kind", "other") == "other":
        return indicator.name
    return str(indicator.get_kind_display())
