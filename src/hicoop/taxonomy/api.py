"""Read-only endpoints for the taxonomy (public reference data)."""

from __future__ import annotations

from typing import Any

from rest_framework import viewsets

from hicoop.taxonomy import selectors
from hicoop.taxonomy.schemas import FieldSerializer, MeasureSerializer


class MeasureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeasureSerializer
    lookup_field = "number"
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.measures()


class FieldViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FieldSerializer
    lookup_field = "code"
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.fields()
