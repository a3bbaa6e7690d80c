"""The taxonomy's picker sources: the mechanism's fields and GB/T 4754-2017 industry codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from hicoop.core.pickers import QuerySource, register
from hicoop.taxonomy.models import Field, IndustryCode


def _fields(user: Any, params: Mapping[str, str]) -> QuerySet[Field]:
    return Field.objects.all()


def _industries(user: Any, params: Mapping[str, str]) -> QuerySet[IndustryCode]:
    return IndustryCode.objects.select_related("parent")


def _industry_detail(code: IndustryCode) -> str:
    return f"{code.code} · {code.parent.display_name}" if code.parent is not None else code.code


def register_sources() -> None:
    register(
        "fields",
        QuerySource(
            queryset=_fields,
            text_fields=("name", "name_en"),
            code_field="code",
            value=lambda f: f.code,
            label=lambda f: f.display_name,
            detail=lambda f: f.code,
            value_field="code",
        ),
    )
    register(
        "industries",
        QuerySource(
            queryset=_industries,
            text_fields=("name", "name_en"),
            code_field="code",
            value=lambda i: i.code,
            label=lambda i: i.display_name,
            detail=_industry_detail,
            value_field="code",
        ),
    )
