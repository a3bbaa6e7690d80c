"""REST endpoints: start and read match runs, send and answer expressions of interest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.exceptions import NotFound, ValidationFailed
from hicoop.listings import selectors as listing_selectors
from hicoop.listings.choices import ListingKind
from hicoop.matchmaking import selectors, services
from hicoop.matchmaking.models import Interest, MatchRun
from hicoop.matchmaking.schemas import (
    AnswerSerializer,
    FeedbackSerializer,
    InterestCreateSerializer,
    InterestSerializer,
    PartnerInterestCreateSerializer,
    RunCreateSerializer,
    RunDetailSerializer,
    RunSerializer,
)
from hicoop.parties.models import Party


def _today() -> dt.date:
    return dt.date.today()


def _demand(request: Request, pk: int | None) -> Any:
    if not pk:
        raise ValidationFailed(details={"demand": ["This value is required."]})
    return listing_selectors.listing_detail(
        kind=ListingKind.DEMAND, user=request.user, pk=pk, on=_today()
    )


def _partner_for(request: Request, demand: Any, pk: int | None) -> Party:
    """The given party (if the user may see it) or the user's only partner organisation."""
    if pk:
        found = Party.objects.visible_to(request.user).filter(pk=pk).first()
        if found is None:
            raise NotFound()
        return found
    mine = selectors.partner_parties(user=request.user, demand=demand)
    if len(mine) != 1:
        raise ValidationFailed(
            details={"partner": [_("Choose which of your organisations expresses interest.")]}
        )
    return mine[0]


class RunViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = RunSerializer

    def get_queryset(self) -> Any:
        return MatchRun.objects.none()

    @extend_schema(parameters=[OpenApiParameter("demand", int), OpenApiParameter("mode", str)])
    def list(self, request: Request) -> Any:
        demand = request.query_params.get("demand", "")
        found = selectors.run_list(
            user=request.user,
            mode=request.query_params.get("mode", ""),
            demand=int(demand) if demand.isdigit() else None,
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(RunSerializer(page, many=True).data)

    @extend_schema(responses=RunDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        run = selectors.run_detail(user=request.user, pk=int(pk))
        return Response(RunDetailSerializer(run).data)

    @extend_schema(request=RunCreateSerializer, responses=RunDetailSerializer)
    def create(self, request: Request) -> Response:
        data = RunCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if v["mode"] == "one_to_one":
            run = services.run_batch(actor=request.user, on=_today(), year=v["year"])
        elif v["mode"] == "many_to_one":
            run = services.run_coalition(
                demand=_demand(request, v.get("demand")),
                actor=request.user,
                on=_today(),
                max_partners=v["max_partners"],
            )
        else:
            run = services.run_point_to_point(
                demand=_demand(request, v.get("demand")), actor=request.user, on=_today(), k=v["k"]
            )
        return Response(RunDetailSerializer(run).data, status=status.HTTP_201_CREATED)


class InterestViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = InterestSerializer

    def get_queryset(self) -> Any:
        return Interest.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("box", str, enum=["", "received", "sent"]),
            OpenApiParameter("status", str),
        ]
    )
    def list(self, request: Request) -> Any:
        p = request.query_params
        page = self.paginate_queryset(
            selectors.interest_list(
                user=request.user, box=p.get("box", ""), status=p.get("status", "")
            )
        )
        return self.get_paginated_response(InterestSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(
            InterestSerializer(selectors.interest_detail(user=request.user, pk=int(pk))).data
        )

    @extend_schema(request=InterestCreateSerializer)
    def create(self, request: Request) -> Response:
        data = InterestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        if v.get("candidate"):
            candidate = selectors.candidate_detail(user=request.user, pk=v["candidate"])
            demand, partner = candidate.demand, candidate.partner
        else:
            candidate, demand = None, _demand(request, v.get("demand"))
            partner = (
                Party.objects.visible_to(request.user).filter(pk=v.get("partner") or 0).first()
            )
            if partner is None:
                raise NotFound()
        interest = services.express_interest(
            demand=demand,
            partner=partner,
            candidate=candidate,
            actor=request.user,
            message=v["message"],
        )
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PartnerInterestCreateSerializer, responses=InterestSerializer)
    @action(detail=False, methods=["post"], url_path="as-partner")
    def as_partner(self, request: Request) -> Response:
        """A partner expresses interest in a published demand; the demand's owner answers."""
        data = PartnerInterestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        demand = _demand(request, v["demand"])
        interest = services.express_interest_as_partner(
            demand=demand,
            partner=_partner_for(request, demand, v.get("partner")),
            actor=request.user,
            message=v["message"],
        )
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AnswerSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        interest = selectors.interest_detail(user=request.user, pk=int(pk))
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.respond_interest(
            interest=interest, actor=request.user, on=_today(), **data.validated_data
        )
        return Response(InterestSerializer(interest).data)

    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        interest = selectors.interest_detail(user=request.user, pk=int(pk))
        services.withdraw_interest(interest=interest, actor=request.user)
        return Response(InterestSerializer(interest).data)

    @extend_schema(responses=FeedbackSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)  # every row, as a list
    def feedback(self, request: Request) -> Response:
        return Response(selectors.feedback(user=request.user))
