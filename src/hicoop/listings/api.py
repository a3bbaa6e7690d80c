"""REST endpoints for demands, capabilities and achievements (one viewset class per kind)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.export import XLSX_TYPE, download
from hicoop.listings import records, selectors, services, spreadsheets
from hicoop.listings.choices import ListingKind
from hicoop.listings.schemas import (
    AchievementSerializer,
    CapabilitySerializer,
    DemandSerializer,
    ImportSerializer,
    ListingEventSerializer,
    ListingWriteSerializer,
    RenewSerializer,
    TransitionSerializer,
)
from hicoop.parties.api import ReadOrAuthenticated

PARAMETERS = [
    OpenApiParameter("q", str, description="Chinese full-text search (title, body, keywords)"),
    OpenApiParameter("field", str),
    OpenApiParameter("region", int),
    OpenApiParameter("measure", int),
    OpenApiParameter("mode", str),
    OpenApiParameter("status", str),
    OpenApiParameter("owner", int),
    OpenApiParameter("sort", str, enum=["", *selectors.SORTS]),
    OpenApiParameter("export", str, enum=["xlsx", "csv"]),
]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _filters(request: Request) -> selectors.ListingFilters:
    p = request.query_params
    return selectors.ListingFilters(
        q=p.get("q", ""),
        field=p.get("field", ""),
        region=_int(p.get("region")),
        measure=_int(p.get("measure")),
        mode=p.get("mode", ""),
        status=p.get("status", ""),
        owner=_int(p.get("owner")),
        sort=p.get("sort", ""),
    )


class _ListingViewSet(viewsets.GenericViewSet):
    kind: str = ""
    permission_classes = [ReadOrAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return records.MODELS[self.kind].objects.none()

    def _detail(self, request: Request, pk: str) -> Any:
        return selectors.listing_detail(
            kind=self.kind, user=request.user, pk=int(pk), on=dt.date.today()
        )

    @extend_schema(parameters=PARAMETERS)
    def list(self, request: Request) -> Any:
        found = selectors.listing_search(
            kind=self.kind, user=request.user, filters=_filters(request), on=dt.date.today()
        )
        fmt = request.query_params.get("export")
        if fmt in {"xlsx", "csv"}:
            return download(
                fmt,
                spreadsheets.export_columns(self.kind, user=request.user),
                spreadsheets.export_rows(self.kind, found, user=request.user),
                records.SINGULAR_TO_PLURAL[self.kind],
            )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.get_serializer(self._detail(request, pk)).data)

    @extend_schema(
        summary="How many records each facet option leaves, for a search",
        description=(
            "The counts the list page shows beside each facet option: for each facet (field, "
            "region, status; measure and mode for demands), how many records the search and "
            "the other facets leave for each of its options. A region counts its whole subtree."
        ),
        parameters=[p for p in PARAMETERS if p.name not in {"sort", "export"}],
        responses=inline_serializer(
            "FacetCounts",
            {
                "facets": serializers.DictField(
                    child=serializers.DictField(child=serializers.IntegerField())
                )
            },
        ),
    )
    @action(detail=False, methods=["get"])
    def facets(self, request: Request) -> Response:
        counts = selectors.facet_counts(
            kind=self.kind, user=request.user, filters=_filters(request), on=dt.date.today()
        )
        return Response({"facets": counts})

    @extend_schema(request=ListingWriteSerializer)
    def create(self, request: Request) -> Response:
        data = ListingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = services.create_listing(
            kind=self.kind, data=data.validated_data, actor=request.user
        )
        return Response(self.get_serializer(listing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ListingWriteSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        listing = self._detail(request, pk)
        data = ListingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = str(values.pop("reason", ""))
        listing = services.update_listing(
            listing=listing, data=values, actor=request.user, reason=reason
        )
        return Response(self.get_serializer(listing).data)

    @extend_schema(request=TransitionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        listing = self._detail(request, pk)
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.transition_listing(listing=listing, actor=request.user, **data.validated_data)
        return Response(self.get_serializer(listing).data)

    @extend_schema(request=RenewSerializer)
    @action(detail=True, methods=["post"])
    def renew(self, request: Request, pk: str) -> Response:
        listing = self._detail(request, pk)
        data = RenewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.renew_listing(
            listing=listing,
            ends_on=data.validated_data["ends_on"],
            actor=request.user,
            on=dt.date.today(),
        )
        return Response(self.get_serializer(listing).data)

    @extend_schema(responses=ListingEventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str) -> Response:
        listing = self._detail(request, pk)
        return Response(ListingEventSerializer(services.events_for(listing), many=True).data)

    @extend_schema(request={"multipart/form-data": ImportSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_file(self, request: Request) -> Response:
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        result = spreadsheets.import_file(
            kind=self.kind, content=upload.read(), filename=upload.name, actor=request.user
        )
        return Response(
            {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"])
    def template(self, request: Request) -> Any:
        response = HttpResponse(spreadsheets.template_bytes(self.kind), content_type=XLSX_TYPE)
        name = f"{records.SINGULAR_TO_PLURAL[self.kind]}-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class DemandViewSet(_ListingViewSet):
    kind = ListingKind.DEMAND
    serializer_class = DemandSerializer


class CapabilityViewSet(_ListingViewSet):
    kind = ListingKind.CAPABILITY
    serializer_class = CapabilitySerializer


class AchievementViewSet(_ListingViewSet):
    kind = ListingKind.ACHIEVEMENT
    serializer_class = AchievementSerializer
