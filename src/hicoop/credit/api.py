"""``/api/v1/credit/``: subjects (with ``grade`` and ``score``, the explanation on one subject)
and events, scoped like the pages: officers see all, an employer's members their employer and
its workers (personal data masked). Recording an event (officers) takes JSON without files for
kinds that need no evidence. Errors are ``{code, message, details}`` (the core handler)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from hicoop.credit import roles, scoring, screening, selectors, services
from hicoop.credit.models import CreditEvent, Objection, Subject

TAG = "credit"


def _date(raw: Any, name: str) -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ValidationFailed(details={name: ["Enter a date as YYYY-MM-DD."]}) from exc


class SubjectSerializer(serializers.ModelSerializer[Subject]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    employer: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    party: Any = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Subject
        fields = (
            "id",
            "kind",
            "kind_label",
            "identifier",
            "name",
            "nationality",
            "birth_date",
            "employer",
            "party",
            "grade",
            "score",
            "graded_on",
            "demo",
        )

    def to_representation(self, instance: Subject) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("personal") and instance.kind == "worker":
            data["identifier"] = selectors.mask(instance.identifier)
            data["birth_date"] = None
        return data


class EventSerializer(serializers.ModelSerializer[CreditEvent]):
    kind = serializers.CharField(source="kind.code", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    kind_version = serializers.IntegerField(source="kind.version", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    under_objection = serializers.BooleanField(read_only=True)

    class Meta:
        model = CreditEvent
        fields = (
            "id",
            "subject",
            "kind",
            "kind_name",
            "kind_version",
            "points",
            "occurred_on",
            "expires_on",
            "authority",
            "description",
            "status",
            "status_label",
            "void_from",
            "under_objection",
            "recorded_by_name",
        )


@extend_schema(
    tags=[TAG],
    summary="Credit subjects with grade and score (scoped)",
    parameters=[
        OpenApiParameter("q", str),
        OpenApiParameter("kind", str, enum=["worker", "employer"]),
        OpenApiParameter("grade", str, enum=["A", "B", "C", "D"]),
    ],
)
class SubjectList(ListAPIView):  # type: ignore[type-arg,unused-ignore]
    serializer_class = SubjectSerializer

    def get_queryset(self) -> Any:
        g = self.request.query_params
        q = g.get("q", "")
        if len(q) > 100:
            raise ValidationFailed(details={"q": ["At most 100 characters."]})
        return selectors.subjects(
            user=self.request.user, q=q, kind=g.get("kind", ""), grade=g.get("grade", "")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(),
            "personal": selectors.sees_personal_data(self.request.user),
        }

    @extend_schema(tags=[TAG], summary="Register a subject (officers)", request=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        """Near matches (screening) refuse the registration with 409 unless ``confirmed``."""
        data = request.data if isinstance(request.data, dict) else {}
        if not roles.is_officer(request.user):
            raise PermissionDenied(_("Only officers register subjects."))
        birth = _date(data.get("birth_date"), "birth_date") if data.get("birth_date") else None
        near = screening.screen(
            kind=str(data.get("kind") or "worker"),
            name=str(data.get("name") or "")[:200],
            identifier=str(data.get("identifier") or "")[:40],
            birth_date=birth,
        )
        if near and data.get("confirmed") is not True:
            raise Conflict(
                _("Near matches found: check them before registering."),
                details={
                    "near_matches": [
                        {
                            "id": n.subject.pk,
                            "name": n.subject.name,
                            "similarity": n.similarity,
                            "reasons": n.reasons,
                        }
                        for n in near
                    ]
                },
            )
        subject = services.register_subject(data=data, actor=request.user)
        return Response(SubjectSerializer(subject, context={"personal": True}).data, status=201)


@extend_schema(
    tags=[TAG],
    summary="One subject with its score explained on a date",
    parameters=[OpenApiParameter("on", OpenApiTypes.DATE)],
    responses=OpenApiTypes.OBJECT,
)
class SubjectDetail(APIView):
    def get(self, request: Request, pk: int) -> Response:
        subject = selectors.subject(user=request.user, pk=pk)
        on = _date(request.query_params.get("on"), "on") or timezone.localdate()
        personal = selectors.sees_personal_data(request.user)
        return Response(
            {
                **SubjectSerializer(subject, context={"personal": personal}).data,
                "explanation": scoring.explanation_json(subject, on),
                "history": [
                    {"on": p.on.isoformat(), "score": p.score, "grade": p.grade}
                    for p in scoring.history(subject, on)
                ],
            }
        )


@extend_schema(
    tags=[TAG],
    summary="Credit events (scoped)",
    parameters=[OpenApiParameter("subject", int)],
)
class EventList(ListAPIView):  # type: ignore[type-arg,unused-ignore]
    serializer_class = EventSerializer

    def get_queryset(self) -> Any:
        raw = self.request.query_params.get("subject", "")
        if raw and (not raw.isdigit() or len(raw) > 12):
            raise ValidationFailed(details={"subject": ["Enter a whole number."]})
        return selectors.events(user=self.request.user, subject_id=int(raw) if raw else None)

    @extend_schema(tags=[TAG], summary="Record an event (officers)", request=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        raw = data.get("subject")
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValidationFailed(details={"subject": ["Give the subject's id as a number."]})
        subject = selectors.subject(user=request.user, pk=raw)
        occurred = _date(data.get("occurred_on"), "occurred_on")
        if occurred is None:
            raise ValidationFailed(details={"occurred_on": ["This field is required."]})
        event = services.record_event(
            subject=subject,
            kind_code=str(data.get("kind", ""))[:60],
            occurred_on=occurred,
            description=str(data.get("description", "")),
            authority=str(data.get("authority", ""))[:120],
            evidence=request.FILES.getlist("evidence") if request.FILES else (),
            actor=request.user,
        )
        return Response(EventSerializer(event).data, status=201)


def _visible_event(request: Request, pk: int) -> CreditEvent:
    found = selectors.events(user=request.user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _reason(request: Request, name: str = "reason") -> str:
    data = request.data if isinstance(request.data, dict) else {}
    value = data.get(name, "")
    if not isinstance(value, str):
        raise ValidationFailed(details={name: ["Give a text."]})
    return value


@extend_schema(
    tags=[TAG],
    summary="Object to an event (the subject's side)",
    request=OpenApiTypes.OBJECT,
    responses=OpenApiTypes.OBJECT,
)
class ObjectionCreate(APIView):
    def post(self, request: Request, pk: int) -> Response:
        objection = services.submit_objection(
            event=_visible_event(request, pk), reason=_reason(request), actor=request.user
        )
        return Response(_objection(objection), status=201)


def _objection(o: Objection) -> dict[str, Any]:
    return {
        "id": o.pk,
        "event": o.event_id,
        "status": o.status,
        "status_label": o.get_status_display(),
        "review_deadline": o.review_deadline.isoformat(),
        "reason": o.reason,
    }


@extend_schema(
    tags=[TAG],
    summary="Review, uphold, dismiss or withdraw an objection",
    request=OpenApiTypes.OBJECT,
    responses=OpenApiTypes.OBJECT,
)
class ObjectionDecide(APIView):
    def post(self, request: Request, pk: int, action: str) -> Response:
        found = Objection.objects.filter(pk=pk).first()
        if found is None or not selectors.events(user=request.user).filter(pk=found.event_id):
            raise NotFound()
        if action not in ("review", "uphold", "dismiss", "withdraw"):
            raise ValidationFailed(details={"action": ["review, uphold, dismiss or withdraw"]})
        services.decide_objection(
            objection=found, action=action, reason=_reason(request), actor=request.user
        )
        found.refresh_from_db()
        return Response(_objection(found))
