"""``/api/v1/talent/``: list versions, the checker, the A/B/C estimate, impact previews and the
permit registry (masked by role, unmasked reads audited). Errors are ``{code, message, details}``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from hicoop.core.jobs import enqueue
from hicoop.core.jobs.api import JobSerializer, accepted
from hicoop.talent import masking, schemas, selectors
from hicoop.talent.choices import Decision, PermitStatus, ReadChannel
from hicoop.talent.jobs import IMPACT_PREVIEW
from hicoop.talent.models import ListVersion
from hicoop.talent.roles import is_editor
from hicoop.talent.services import checks, permits

TAG = "talent"
MAX_PAGE = 200


def _body(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise ValidationFailed(details={"__all__": [_("Send an object of fields.")]})
    return dict(request.data)


@extend_schema(
    tags=[TAG], summary="Negative-list versions", responses=schemas.VersionSerializer(many=True)
)
class VersionList(APIView):
    def get(self, request: Request) -> Response:
        found = selectors.versions(user=request.user)
        return Response(schemas.VersionSerializer(found, many=True).data)


@extend_schema(
    tags=[TAG], summary="One version with its entries", responses=schemas.VersionDetailSerializer
)
class VersionDetail(APIView):
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.version_detail(user=request.user, pk=pk)
        return Response(schemas.VersionDetailSerializer(version).data)


@extend_schema(
    tags=[TAG],
    summary="Entry-by-entry changes (added, removed, tightened, relaxed, changed)",
    responses=inline_serializer(
        "NegativeListDiff",
        {
            "version": serializers.IntegerField(),
            "against": serializers.IntegerField(allow_null=True),
            "changes": serializers.ListField(child=serializers.DictField()),
        },
    ),
    parameters=[
        OpenApiParameter("against", int, description="the other version (default: previous)")
    ],
)
class VersionDiff(APIView):
    def get(self, request: Request, pk: int) -> Response:
        version = selectors.version_detail(user=request.user, pk=pk)
        raw = request.query_params.get("against", "")
        other = None
        if raw:
            if not raw.isdigit() or len(raw) > 12:
                raise ValidationFailed(details={"against": [_("Enter a whole number.")]})
            other = ListVersion.objects.visible_to(request.user).filter(pk=int(raw)).first()
            if other is None:
                raise NotFound()
        other = other or selectors.previous_version(user=request.user, version=version)
        changes = [
            {
                "kind": c.kind,
                "industry": c.key[0],
                "occupation": c.key[1],
                "position_kind": c.key[2],
                "old": c.old
                and {
                    "restriction": c.old.restriction,
                    "conditions": list(c.old.conditions),
                    "code": c.old.code,
                },
                "new": c.new
                and {
                    "restriction": c.new.restriction,
                    "conditions": list(c.new.conditions),
                    "code": c.new.code,
                },
            }
            for c in selectors.diff(other, version)
        ]
        return Response(
            {
                "version": version.number,
                "against": other.number if other else None,
                "changes": changes,
            }
        )


@extend_schema(
    tags=[TAG],
    summary="Start the impact preview of a version (a job)",
    request=None,
    responses={202: JobSerializer},
)
class Impact(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request, pk: int) -> Response:
        version = selectors.version_detail(user=request.user, pk=pk)
        if not is_editor(request.user):
            raise PermissionDenied()
        job = enqueue(
            kind=IMPACT_PREVIEW, params={"version": version.pk}, actor=request.user, target=version
        )
        return accepted(job, request)


@extend_schema(
    tags=[TAG],
    summary="Check a position against the list in force on a date (with trace)",
    request=schemas.CheckInputSerializer,
    responses=schemas.CheckOutputSerializer,
)
class Check(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        data = _body(request)
        points = data.pop("points", None)
        if points is not None and not isinstance(points, dict):
            raise ValidationFailed(details={"points": [_("Send an object of fields.")]})
        result = checks.check(data=data, actor=request.user)
        estimate = checks.estimate(data=points) if points else None
        return Response(
            {
                "decision": result.decision,
                "decision_label": str(Decision(result.decision).label),
                "trace": result.trace,
                "estimate": estimate,
                "precheck": result.precheck.pk if result.precheck else None,
            }
        )


@extend_schema(
    tags=[TAG],
    summary="The A/B/C classification estimate, each factor's points",
    request=OpenApiTypes.OBJECT,
    responses=OpenApiTypes.OBJECT,
)
class Estimate(APIView):
    def post(self, request: Request) -> Response:
        return Response(checks.estimate(data=_body(request)))


def _page_size(request: Request) -> tuple[int, int]:
    g = request.query_params
    raw_page, raw_size = g.get("page", "1"), g.get("page_size", "25")
    if not raw_page.isdigit() or not raw_size.isdigit() or len(raw_page) > 9 or len(raw_size) > 4:
        raise ValidationFailed(details={"page": [_("Enter a whole number.")]})
    return max(1, int(raw_page)), min(MAX_PAGE, max(1, int(raw_size)))


@extend_schema(
    tags=[TAG],
    summary="Work permits (personal data masked by role; unmasked reads audited)",
    parameters=[
        OpenApiParameter("q", str),
        OpenApiParameter("uscc", str),
        OpenApiParameter("industry", str),
        OpenApiParameter("status", str, enum=PermitStatus.values),
        OpenApiParameter("purpose", str, description="why personal data is read (audited)"),
    ],
    responses=inline_serializer(
        "PermitPage",
        {
            "count": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "results": schemas.PermitSerializer(many=True),
        },
    ),
)
class PermitList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="v1_talent_permits_list")
    def get(self, request: Request) -> Response:
        g = request.query_params
        status = g.get("status", "")
        if status and status not in PermitStatus.values:
            raise ValidationFailed(
                details={
                    "status": [_("Choose one of: %(v)s") % {"v": ", ".join(PermitStatus.values)}]
                }
            )
        filters = selectors.PermitFilters(
            q=g.get("q", "")[:100],
            employer_uscc=g.get("uscc", "")[:18],
            industry=g.get("industry", "")[:8],
            status=status,
        )
        page, size = _page_size(request)
        found = selectors.permits(user=request.user, filters=filters)
        total = found.count()
        rows = masking.present(
            found[(page - 1) * size : page * size],
            user=request.user,
            channel=ReadChannel.API,
            purpose=g.get("purpose", "")[:200] or "API list",
        )
        return Response({"count": total, "page": page, "results": rows})

    @extend_schema(
        tags=[TAG],
        summary="Register one permit (foreign-talent officers)",
        request=OpenApiTypes.OBJECT,
        responses={201: schemas.PermitSerializer},
    )
    def post(self, request: Request) -> Response:
        permit = permits.create_permit(data=_body(request), actor=request.user)
        row = masking.present(
            [permit], user=request.user, channel=ReadChannel.API, purpose="API create"
        )[0]
        return Response(row, status=201)


@extend_schema(
    tags=[TAG],
    summary="One work permit (masked by role; unmasked reads audited)",
    parameters=[OpenApiParameter("purpose", str)],
    responses=schemas.PermitSerializer,
)
class PermitDetail(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request: Request, pk: int) -> Response:
        permit = selectors.permit_detail(user=request.user, pk=pk)
        purpose = request.query_params.get("purpose", "")[:200] or "API detail"
        return Response(
            masking.present([permit], user=request.user, channel=ReadChannel.API, purpose=purpose)[
                0
            ]
        )
