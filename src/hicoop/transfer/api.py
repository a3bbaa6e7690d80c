"""REST endpoints: ``/api/v1/transfers/`` (list, create, read, change, steps, payments) and
``/api/v1/transfers/flows/?year=`` (links, tables and funnel)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.exceptions import NotFound, ValidationFailed
from hicoop.transfer import indicators, schemas, selectors, services
from hicoop.transfer.models import Transfer

TAG = ["transfer"]


def _data(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise ValidationFailed(
            details={"__all__": ["Send an object of fields. / 请发送字段对象。"]}
        )
    return dict(request.data)


def _year(raw: str) -> int:
    if not raw:
        return dt.date.today().year
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise ValidationFailed(
            details={"year": ["Enter a year between 2000 and 2100. / 年度应在2000至2100之间。"]}
        )
    return int(raw)


class TransferViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.TransferSerializer

    def get_queryset(self) -> Any:
        return Transfer.objects.none()

    def _transfer(self, pk: str) -> Transfer:
        if not str(pk).isdigit():
            raise NotFound()
        return selectors.transfer_detail(user=self.request.user, pk=int(pk))

    @extend_schema(
        tags=TAG,
        summary="Technology transfer contracts the user may see",
        parameters=[
            OpenApiParameter(n, str, required=False)
            for n in ("q", "status", "contract_type", "zone", "programme", "year", "sort")
        ],
    )
    def list(self, request: Request) -> Any:
        p = request.query_params
        year = p.get("year", "")
        filters = selectors.TransferFilters(
            q=p.get("q", "")[:100],
            status=p.get("status", "")[:20],
            contract_type=p.get("contract_type", "")[:20],
            zone=p.get("zone", "")[:20],
            programme=p.get("programme", "")[:20],
            year=_year(year) if year else None,
            sort=p.get("sort", "-signed")[:10],
        )
        page = self.paginate_queryset(selectors.transfer_list(user=request.user, filters=filters))
        return self.get_paginated_response(schemas.TransferSerializer(page, many=True).data)

    @extend_schema(tags=TAG, summary="Record a contract", request=schemas.TransferWriteSerializer)
    def create(self, request: Request) -> Response:
        transfer = services.create_transfer(data=_data(request), actor=request.user)
        return Response(schemas.TransferSerializer(transfer).data, status=201)

    @extend_schema(tags=TAG, summary="One contract")
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(schemas.TransferSerializer(self._transfer(pk)).data)

    @extend_schema(tags=TAG, summary="Change a contract", request=schemas.TransferWriteSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        transfer = services.update_transfer(
            transfer=self._transfer(pk), changes=_data(request), actor=request.user
        )
        return Response(schemas.TransferSerializer(transfer).data)

    @extend_schema(tags=TAG, summary="Take a lifecycle step", request=schemas.StepSerializer)
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str) -> Response:
        data = _data(request)
        transfer = services.take_step(
            transfer=self._transfer(pk),
            action=str(data.get("action", ""))[:40],
            actor=request.user,
            reason=str(data.get("reason", "")),
            registration=str(data.get("registration_number", "")),
        )
        return Response(schemas.TransferSerializer(transfer).data)

    @extend_schema(tags=TAG, summary="Payments of a contract; POST records one")
    @action(detail=True, methods=["get", "post"])
    def payments(self, request: Request, pk: str) -> Response:
        transfer = self._transfer(pk)
        if request.method == "POST":
            payment = services.record_payment(
                transfer=transfer, data=_data(request), actor=request.user
            )
            return Response(schemas.PaymentSerializer(payment).data, status=201)
        return Response(schemas.PaymentSerializer(transfer.payments.all(), many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Flows of a year: source → Hainan park or city, by field and type, and the funnel",
        parameters=[OpenApiParameter("year", int, required=False)],
        responses=schemas.FlowsSerializer,
    )
    @action(detail=False, methods=["get"])
    def flows(self, request: Request) -> Response:
        year = _year(request.query_params.get("year", ""))
        found = indicators.flows(year=year, user=request.user)
        return Response(
            {
                "year": year,
                "count": found.count,
                "amount": float(found.total),
                "links": [
                    {
                        "source": k.source,
                        "target": k.target,
                        "count": k.count,
                        "amount": float(k.amount),
                    }
                    for k in found.links
                ],
                "by_field": [
                    {"field": f, "count": n, "amount": float(a)} for f, n, a in found.by_field
                ],
                "by_type": [
                    {"contract_type": t, "count": n, "amount": float(a)}
                    for t, n, a in found.by_type
                ],
                "funnel": [
                    {"stage": s.code, "label": s.label, "count": s.count}
                    for s in indicators.funnel(year=year, user=request.user)
                ],
            }
        )
