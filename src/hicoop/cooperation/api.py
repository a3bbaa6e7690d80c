"""REST endpoints for cooperation items, key tasks, park pairings, the dashboard and the inbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.cooperation import export, selectors, services, versions
from hicoop.cooperation.models import CooperationItem, KeyTask, Pairing
from hicoop.cooperation.schemas import (
    ActivitySerializer,
    AdjustSerializer,
    AgreeSerializer,
    ComparisonSerializer,
    DecisionSerializer,
    EventSerializer,
    ItemSerializer,
    ItemWriteSerializer,
    MilestonePlanSerializer,
    PairingRowSerializer,
    PairingSerializer,
    PlatformSerializer,
    ReportSerializer,
    ReportWriteSerializer,
    ResultSerializer,
    StatusChangeSerializer,
    TaskSerializer,
    VersionSerializer,
)
from hicoop.core.export import download

ITEM_PARAMETERS = [
    OpenApiParameter("q", str),
    OpenApiParameter("status", str),
    OpenApiParameter("measure", int),
    OpenApiParameter("field", str),
    OpenApiParameter("region", int, description="Items with a party under this region (id)"),
    OpenApiParameter("year", int),
    OpenApiParameter("mode", str),
    OpenApiParameter("origin", str),
    OpenApiParameter("pairing", int),
    OpenApiParameter("sort", str, enum=["", *selectors.ITEM_SORTS]),
    OpenApiParameter("export", str, enum=["xlsx", "csv"]),
]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _today() -> dt.date:
    return dt.date.today()


def _item_filters(request: Request) -> selectors.ItemFilters:
    p = request.query_params
    return selectors.ItemFilters(
        q=p.get("q", ""),
        status=p.get("status", ""),
        measure=_int(p.get("measure")),
        field=p.get("field", ""),
        region=_int(p.get("region")),
        year=_int(p.get("year")),
        mode=p.get("mode", ""),
        origin=p.get("origin", ""),
        pairing=_int(p.get("pairing")),
        sort=p.get("sort", ""),
    )


def _written(serializer: Any) -> dict[str, Any]:
    return {k: v for k, v in serializer.validated_data.items()}


class ItemViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = ItemSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> Any:
        return CooperationItem.objects.none()

    def _item(self, request: Request, pk: str) -> CooperationItem:
        return selectors.item_detail(user=request.user, pk=int(pk))

    @extend_schema(parameters=ITEM_PARAMETERS)
    def list(self, request: Request) -> Any:
        found = selectors.item_list(user=request.user, filters=_item_filters(request))
        fmt = request.query_params.get("export")
        if fmt in {"xlsx", "csv"}:
            return download(fmt, export.ITEM_COLUMNS, export.item_rows(found), "cooperation-items")
        page = self.paginate_queryset(found.prefetch_related("agreements"))
        return self.get_paginated_response(ItemSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(ItemSerializer(self._item(request, pk)).data)

    @extend_schema(request=ItemWriteSerializer)
    def create(self, request: Request) -> Response:
        data = ItemWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.create_item(data=_written(data), actor=request.user, on=_today())
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AdjustSerializer, responses=VersionSerializer)
    @action(detail=True, methods=["post"])
    def adjust(self, request: Request, pk: str) -> Response:
        item = self._item(request, pk)
        data = AdjustSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = _written(data)
        year, reason, decision = (
            values.pop("year"),
            values.pop("reason"),
            values.pop("decision_ref"),
        )
        version = services.adjust_item(
            item=item,
            data=values,
            actor=request.user,
            year=year,
            reason=reason,
            decision_ref=decision,
        )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AgreeSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"])
    def agree(self, request: Request, pk: str) -> Response:
        """Agree to a proposed item for your side; it is agreed once both sides agreed.

        The joint office agrees on behalf of the sides not yet agreed, with a reason.
        """
        item = self._item(request, pk)
        data = AgreeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.agree_item(item=item, actor=request.user, **data.validated_data)
        return Response(ItemSerializer(self._item(request, pk)).data)

    @extend_schema(request=StatusChangeSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        item = self._item(request, pk)
        data = StatusChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.transition_item(item=item, actor=request.user, **data.validated_data)
        return Response(ItemSerializer(item).data)

    @extend_schema(methods=["GET"], responses=ReportSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={
            "multipart/form-data": ReportWriteSerializer,
            "application/json": ReportWriteSerializer,
        },
        responses={201: ReportSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def reports(self, request: Request, pk: str) -> Response:
        item = self._item(request, pk)
        if request.method == "GET":
            return Response(ReportSerializer(selectors.reports_for(item), many=True).data)
        data = ReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        report = services.submit_item_report(
            item=item,
            actor=request.user,
            on=_today(),
            text=v["text"],
            as_of=v.get("as_of") or None,
            values=v["values"],
            milestones_done=v["milestones_done"],
            files=v["files"],
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=VersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, pk: str) -> Response:
        return Response(
            VersionSerializer(selectors.versions_of(self._item(request, pk)), many=True).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("a", int, description="Older version number"),
            OpenApiParameter("b", int, description="Newer version (default: current)"),
        ],
        responses=ComparisonSerializer,
    )
    @action(detail=True, methods=["get"])
    def compare(self, request: Request, pk: str) -> Response:
        item = self._item(request, pk)
        b = _int(request.query_params.get("b")) or item.version
        a = _int(request.query_params.get("a")) or max(b - 1, 1)
        old, new = selectors.version_of(item, a), selectors.version_of(item, b)
        differences = [
            {**asdict(d), "label": str(d.label)} for d in versions.compare(old.content, new.content)
        ]
        return Response({"a": a, "b": b, "differences": differences})

    @extend_schema(request=DecisionSerializer, responses=VersionSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str) -> Response:
        """Attach the decision (e.g. of a promotion meeting) behind an existing version."""
        item = self._item(request, pk)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = selectors.version_of(item, data.validated_data["version"])
        services.attach_decision(
            version=version, decision_ref=data.validated_data["decision_ref"], actor=request.user
        )
        return Response(VersionSerializer(version).data)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str) -> Response:
        return Response(
            EventSerializer(selectors.events_for(self._item(request, pk)), many=True).data
        )


class TaskViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = TaskSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> Any:
        return KeyTask.objects.none()

    def _task(self, request: Request, pk: str) -> KeyTask:
        return selectors.task_detail(user=request.user, pk=int(pk))

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool),
            OpenApiParameter("status", str),
            OpenApiParameter("q", str),
            OpenApiParameter("export", str, enum=["xlsx", "csv"]),
        ]
    )
    def list(self, request: Request) -> Any:
        p = request.query_params
        found = selectors.task_list(
            user=request.user,
            mine=p.get("mine") in {"1", "true", "yes"},
            status=p.get("status", ""),
            q=p.get("q", ""),
        )
        if p.get("export") in {"xlsx", "csv"}:
            return download(p["export"], export.TASK_COLUMNS, export.task_rows(found), "key-tasks")
        page = self.paginate_queryset(found)
        return self.get_paginated_response(TaskSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(TaskSerializer(self._task(request, pk)).data)

    @extend_schema(request=StatusChangeSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        task = self._task(request, pk)
        data = StatusChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.transition_task(task=task, actor=request.user, **data.validated_data)
        return Response(TaskSerializer(task).data)

    @extend_schema(request=MilestonePlanSerializer)
    @action(detail=True, methods=["post"])
    def milestones(self, request: Request, pk: str) -> Response:
        task = self._task(request, pk)
        data = MilestonePlanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.plan_task_milestones(task=task, actor=request.user, **data.validated_data)
        return Response(TaskSerializer(task).data)

    @extend_schema(methods=["GET"], responses=ReportSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ReportWriteSerializer, responses={201: ReportSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def reports(self, request: Request, pk: str) -> Response:
        task = self._task(request, pk)
        if request.method == "GET":
            return Response(ReportSerializer(selectors.reports_for(task), many=True).data)
        data = ReportWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        report = services.submit_task_report(
            task=task,
            actor=request.user,
            on=_today(),
            text=v["text"],
            as_of=v.get("as_of") or None,
            milestones_done=v["milestones_done"],
            files=v["files"],
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str) -> Response:
        return Response(
            EventSerializer(selectors.events_for(self._task(request, pk)), many=True).data
        )


class PairingViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = PairingSerializer

    def get_queryset(self) -> Any:
        return Pairing.objects.none()

    def list(self, request: Request) -> Any:
        found = selectors.pairing_list(user=request.user)
        if request.query_params.get("export") in {"xlsx", "csv"}:
            return download(
                request.query_params["export"],
                export.PAIRING_COLUMNS,
                export.pairing_rows(found),
                "park-pairings",
            )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(PairingSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        pairing = selectors.pairing_detail(user=request.user, pk=int(pk))
        data = PairingSerializer(pairing).data
        data["progress"] = selectors.pairing_progress(pairing)
        return Response(data)

    def _add(self, request: Request, pk: str, service: Any, out: Any) -> Response:
        pairing = selectors.pairing_detail(user=request.user, pk=int(pk))
        data = PairingRowSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = service(pairing=pairing, data=data.validated_data, actor=request.user)
        return Response(out(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlatformSerializer, responses={201: PlatformSerializer})
    @action(detail=True, methods=["post"])
    def platforms(self, request: Request, pk: str) -> Response:
        return self._add(request, pk, services.add_platform, PlatformSerializer)

    @extend_schema(request=ActivitySerializer, responses={201: ActivitySerializer})
    @action(detail=True, methods=["post"])
    def activities(self, request: Request, pk: str) -> Response:
        return self._add(request, pk, services.add_activity, ActivitySerializer)

    @extend_schema(request=ResultSerializer, responses={201: ResultSerializer})
    @action(detail=True, methods=["post"])
    def results(self, request: Request, pk: str) -> Response:
        return self._add(request, pk, services.add_result, ResultSerializer)


def _bucket_list(buckets: list[selectors.Bucket]) -> list[dict[str, Any]]:
    return [
        {"key": b.key, "label": b.label, "count": b.count, "progress": b.progress} for b in buckets
    ]


@extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def dashboard(request: Request) -> Response:
    d = selectors.dashboard(
        user=request.user, on=_today(), year=_int(request.query_params.get("year"))
    )
    return Response(
        {
            "total": d.total,
            "overall": d.overall,
            "by_status": _bucket_list(d.by_status),
            "by_measure": _bucket_list(d.by_measure),
            "by_region": _bucket_list(d.by_region),
            "by_field": _bucket_list(d.by_field),
            "by_year": _bucket_list(d.by_year),
            "tasks": _bucket_list(d.tasks),
            "overdue_milestones": [
                {
                    "id": m.pk,
                    "title": m.title,
                    "due_on": m.due_on,
                    "item": m.item_id,
                    "task": m.task_id,
                }
                for m in d.overdue_milestones
            ],
        }
    )


@extend_schema(responses=dict)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def inbox(request: Request) -> Response:
    box = selectors.inbox(user=request.user, on=_today())
    return Response(
        {
            "overdue_milestones": [
                {
                    "id": m.pk,
                    "title": m.title,
                    "due_on": m.due_on,
                    "item": m.item_id,
                    "task": m.task_id,
                }
                for m in box["overdue"]
            ],
            "missing_reports": [
                {
                    "kind": "item" if isinstance(m.record, CooperationItem) else "task",
                    "id": m.record.pk,
                    "title": str(m.record),
                    "last": m.last,
                    "due": m.due,
                }
                for m in box["missing"]
            ],
            "proposed_items": [
                {"id": i.pk, "number": i.number, "title": i.title} for i in box["proposed"]
            ],
        }
    )
