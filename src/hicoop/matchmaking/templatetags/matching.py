"""Template filters of the matching pages: field codes in stored reasons shown by name."""

from __future__ import annotations

from typing import Any

from django import template

from hicoop.taxonomy.models import Field

register = template.Library()


@register.filter
def field_name(code: Any) -> str:
    """The field's name in the current language, or the code when it is unknown."""
    found = Field.objects.filter(code=str(code)).first()
    return found.display_name if found else str(code)


@register.filter
def field_names(codes: Any) -> str:
    return "、".join(field_name(c) for c in codes or [])
