"""REST endpoints for parties: list (filter, search, sort, paginate), detail, create, update, delete."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.core import audit
from hicoop.core.export import download
from hicoop.parties import export, selectors, services
from hicoop.parties.models import Party
from hicoop.parties.schemas import (
    AuditEntrySerializer,
    PartySerializer,
    PartyWriteSerializer,
    PriorityCellSerializer,
)


class ReadOrAuthenticated(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


LIST_PARAMETERS = [
    OpenApiParameter("q", str, description="Search in names, credit code and division code"),
    OpenApiParameter("kind", str, description="Party kind"),
    OpenApiParameter("region", int, description="Only parties under this region (id)"),
    OpenApiParameter("field", str, description="Field code"),
    OpenApiParameter("active", bool, description="Active or inactive only"),
    OpenApiParameter("sort", str, enum=list(selectors.SORTS)),
    OpenApiParameter("export", str, enum=["xlsx", "csv"], description="Download the list"),
]


def _filters(request: Request) -> selectors.PartyFilters:
    params = request.query_params
    region = params.get("region", "")
    active = params.get("active", "").lower()
    return selectors.PartyFilters(
        q=params.get("q", ""),
        kind=params.get("kind", ""),
        region=int(region) if region.isdigit() else None,
        field=params.get("field", ""),
        active={"true": True, "1": True, "false": False, "0": False}.get(active),
        sort=params.get("sort", "tree"),
    )


class PartyViewSet(viewsets.GenericViewSet):
    """Parties of the mechanism, scoped to the caller's role."""

    serializer_class = PartySerializer
    permission_classes = [ReadOrAuthenticated]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Party]:
        return selectors.party_list(user=self.request.user, filters=_filters(self.request))

    @extend_schema(parameters=LIST_PARAMETERS)
    def list(self, request: Request) -> Any:
        parties = self.get_queryset().prefetch_related("fields", "designations")
        fmt = request.query_params.get("export")
        if fmt in {"xlsx", "csv"}:
            return download(fmt, export.COLUMNS, export.rows(parties), "parties")
        page = self.paginate_queryset(parties)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        party = selectors.party_detail(user=request.user, pk=int(pk))
        return Response(self.get_serializer(party).data)

    @extend_schema(request=PartyWriteSerializer, responses={201: PartySerializer})
    def create(self, request: Request) -> Response:
        incoming = PartyWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        party = services.create_party(
            data=services.PartyData(**incoming.service_values()), actor=request.user
        )
        return Response(self.get_serializer(party).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PartyWriteSerializer, responses=PartySerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        party = selectors.party_detail(user=request.user, pk=int(pk))
        incoming = PartyWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        party = services.update_party(
            party=party,
            changes=incoming.service_values(),
            actor=request.user,
            reason=incoming.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(party).data)

    @extend_schema(request=PartyWriteSerializer, responses=PartySerializer)
    def update(self, request: Request, pk: str) -> Response:
        party = selectors.party_detail(user=request.user, pk=int(pk))
        incoming = PartyWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        party = services.update_party(
            party=party,
            changes=incoming.service_values(),
            actor=request.user,
            reason=incoming.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(party).data)

    def destroy(self, request: Request, pk: str) -> Response:
        party = selectors.party_detail(user=request.user, pk=int(pk))
        services.delete_party(
            party=party, actor=request.user, reason=str(request.query_params.get("reason", ""))
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=AuditEntrySerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def history(self, request: Request, pk: str) -> Response:
        party = selectors.party_detail(user=request.user, pk=int(pk))
        entries = audit.history_for(party)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)


class PriorityMatrixView(APIView):
    """The key-region × priority-field matrix of measure 一 for a year (default: the latest)."""

    permission_classes: list[Any] = []

    @extend_schema(
        parameters=[OpenApiParameter("year", int)],
        responses=inline_serializer(
            "PriorityMatrix",
            {
                "year": serializers.IntegerField(allow_null=True),
                "cells": PriorityCellSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("year", "")
        year, cells = selectors.priority_matrix(year=int(raw) if raw.isdigit() else None)
        return Response({"year": year, "cells": PriorityCellSerializer(cells, many=True).data})
