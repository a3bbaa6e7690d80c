"""REST endpoints of the evaluation domain: scores and the adopted allocation of a year, the
evaluation run (a job: 202 with the job's URL), and data sets (values, steps)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.jobs.api import JobSerializer, accepted
from hicoop.evaluation import schemas, selectors
from hicoop.evaluation.models import DataSet, Score
from hicoop.evaluation.services import datasets, runs

TAG = ["evaluation"]
YEAR = OpenApiParameter("year", int, required=True, description="2000–2100")


def _year(request: Request) -> int:
    raw = request.query_params.get("year", "")
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise ValidationFailed(details={"year": [_("A year between 2000 and 2100.")]})
    return int(raw)


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ScoreViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.ScoreSerializer

    def get_queryset(self) -> Any:
        return Score.objects.none()

    @extend_schema(
        tags=TAG,
        summary="Scores of a year (published; the office also the latest draft)",
        parameters=[YEAR],
    )
    def list(self, request: Request) -> Any:
        run = selectors.current_run(user=request.user, year=_year(request))
        found = selectors.scores_of(run=run) if run else Score.objects.none()
        page = self.paginate_queryset(found)
        return self.get_paginated_response(schemas.ScoreSerializer(page, many=True).data)


class AllocationViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.ShareSerializer

    def get_queryset(self) -> Any:
        return Score.objects.none()

    @extend_schema(tags=TAG, summary="The adopted allocation of a year", parameters=[YEAR])
    def list(self, request: Request) -> Any:
        rows = selectors.adopted_allocation(user=request.user, year=_year(request))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(schemas.ShareSerializer(page, many=True).data)


class RunViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.RunCreateSerializer

    def get_queryset(self) -> Any:
        return Score.objects.none()

    @extend_schema(
        tags=TAG,
        summary="Evaluate a year (a job; 202 with its URL)",
        responses={202: JobSerializer},
    )
    def create(self, request: Request) -> Response:
        v = _valid(schemas.RunCreateSerializer, request)
        return accepted(runs.start_run(year=v["year"], actor=request.user), request)


class DataSetViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.DataSetSerializer

    def get_queryset(self) -> Any:
        return DataSet.objects.none()

    @extend_schema(tags=TAG, summary="Data sets I may see")
    def list(self, request: Request) -> Any:
        year = request.query_params.get("year", "")
        found = selectors.datasets(user=request.user, year=_year(request) if year else None)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(schemas.DataSetSerializer(page, many=True).data)

    @extend_schema(tags=TAG, summary="One data set")
    def retrieve(self, request: Request, pk: str) -> Response:
        found = selectors.dataset_detail(user=request.user, pk=int(pk))
        return Response(schemas.DataSetSerializer(found).data)

    @extend_schema(
        tags=TAG,
        summary="Fill in a draft (rules checked on entry)",
        request=schemas.ValuesSerializer,
    )
    @action(detail=True, methods=["put"])
    def values(self, request: Request, pk: str) -> Response:
        found = selectors.dataset_detail(user=request.user, pk=int(pk))
        v = _valid(schemas.ValuesSerializer, request)
        saved, failures = datasets.save_values(
            dataset=found, values=v["values"], actor=request.user
        )
        body = dict(schemas.DataSetSerializer(saved).data)
        body["rule_failures"] = [
            {
                "rule": f.rule.code,
                "importance": f.rule.importance,
                "message": f.rule.display_message,
            }
            for f in failures
        ]
        return Response(body)

    @extend_schema(
        tags=TAG,
        summary="Submit, approve, lock, return or unlock (reasons where needed)",
        request=schemas.StepSerializer,
    )
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: str) -> Response:
        found = selectors.dataset_detail(user=request.user, pk=int(pk))
        v = _valid(schemas.StepSerializer, request)
        if v["action"] == "submit":
            datasets.submit(dataset=found, actor=request.user, on=dt.date.today())
        else:
            datasets.decide(
                dataset=found, action=v["action"], actor=request.user, reason=v["reason"]
            )
        found.refresh_from_db()
        return Response(schemas.DataSetSerializer(found).data)
