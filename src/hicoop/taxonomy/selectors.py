"""Reads of the taxonomy (public reference data: no scoping needed beyond read-only)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.db.models import QuerySet

from hicoop.taxonomy.choices import FieldKind
from hicoop.taxonomy.models import Field, Measure


def measures() -> QuerySet[Measure]:
    return Measure.objects.prefetch_related("fields").order_by("number", "pk")


def fields() -> QuerySet[Field]:
    return Field.objects.select_related("parent", "measure").prefetch_related("industries")


def fields_by_kind() -> list[tuple[str, list[Field]]]:
    groups: OrderedDict[str, list[Field]] = OrderedDict((kind, []) for kind in FieldKind.values)
    for field in fields():
        groups[field.kind].append(field)
    labels = dict(FieldKind.choices)
    return [(str(labels[kind]), items) for kind, items in groups.items()]


def matrix_rows(cells: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Group matrix cells by region, keeping region order."""
    rows: OrderedDict[int, tuple[Any, list[Any]]] = OrderedDict()
    for cell in cells:
        rows.setdefault(cell.region_id, (cell.region, []))[1].append(cell)
    return list(rows.values())


def home_part(request: Any) -> dict[str, Any]:
    """The start page's measures and fields."""
    return {"measures": measures(), "field_groups": fields_by_kind()}
