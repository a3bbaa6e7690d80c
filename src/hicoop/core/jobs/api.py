"""``/api/v1/jobs/``: status and progress of long work (202 responses elsewhere point here)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.jobs import selectors
from hicoop.core.jobs.registry import kind_label
from hicoop.core.models import Job


class JobSerializer(serializers.ModelSerializer[Job]):
    kind_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    finished = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "finished",
            "done",
            "total",
            "percent",
            "message",
            "result",
            "result_url",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "url",
            "page",
        ]
        read_only_fields = fields

    def get_kind_label(self, job: Job) -> str:
        return kind_label(job.kind)

    def get_url(self, job: Job) -> str:
        return reverse("api-job-detail", args=[job.pk])

    def get_page(self, job: Job) -> str:
        return reverse("core:job", args=[job.pk])


@extend_schema(tags=["jobs"], summary="Jobs I asked for (every job for the joint office)")
class JobList(ListAPIView[Job]):
    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        return selectors.jobs_for(user=self.request.user)


@extend_schema(tags=["jobs"], summary="One job: status, progress, result or error")
class JobDetail(RetrieveAPIView[Job]):
    serializer_class = JobSerializer
    permission_classes = [IsAuthenticated]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = selectors.job_detail(job_id=int(kwargs["pk"]), user=request.user)
        return Response(self.get_serializer(job).data)


def accepted(job: Job, request: Request) -> Response:
    """The 202 answer of an endpoint that started a job."""
    body = JobSerializer(job, context={"request": request}).data
    response = Response(body, status=202)
    response["Location"] = body["url"]
    return response
