"""REST endpoints of the meetings domain: meetings, topics, 1:1 requests and the schedule (a
job: 202 with the job's URL), decisions and follow-up actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from hicoop.core.exceptions import NotFound
from hicoop.core.jobs.api import JobSerializer, accepted
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.meetings import schemas, selectors, services
from hicoop.meetings.models import Delegate, FollowUp, Meeting, Topic

TAG = ["meetings"]


def _today() -> dt.date:
    return dt.date.today()


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class MeetingViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.MeetingSerializer

    def get_queryset(self) -> Any:
        return Meeting.objects.none()

    def _meeting(self, pk: str) -> Meeting:
        return selectors.meeting_detail(user=self.request.user, pk=int(pk))

    @extend_schema(tags=TAG, summary="Meetings (promotion meetings, consultations, extra sessions)")
    def list(self, request: Request) -> Any:
        found = selectors.meeting_list(
            user=request.user, kind=request.query_params.get("kind", "")[:20]
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(schemas.MeetingSerializer(page, many=True).data)

    @extend_schema(tags=TAG, summary="One meeting")
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(schemas.MeetingSerializer(self._meeting(pk)).data)

    @extend_schema(
        tags=TAG, summary="Topics of a meeting", responses=schemas.TopicSerializer(many=True)
    )
    @action(detail=True, methods=["get"])
    def topics(self, request: Request, pk: str) -> Any:
        page = self.paginate_queryset(
            selectors.topics_of(user=request.user, meeting=self._meeting(pk)).order_by("pk")
        )
        return self.get_paginated_response(schemas.TopicSerializer(page, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Propose a topic",
        request=schemas.TopicCreateSerializer,
        responses=schemas.TopicSerializer,
    )
    @topics.mapping.post
    def propose(self, request: Request, pk: str) -> Response:
        data = _valid(schemas.TopicCreateSerializer, request)
        topic = services.propose_topic(
            meeting=self._meeting(pk), data=data, actor=request.user, on=_today()
        )
        return Response(schemas.TopicSerializer(topic).data, status=201)

    @extend_schema(
        tags=TAG, summary="1:1 requests I may see", responses=schemas.RequestSerializer(many=True)
    )
    @action(detail=True, methods=["get"])
    def requests(self, request: Request, pk: str) -> Any:
        found = selectors.requests_of(user=request.user, meeting=self._meeting(pk)).order_by("pk")
        page = self.paginate_queryset(found)
        return self.get_paginated_response(schemas.RequestSerializer(page, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Ask a delegate for a 1:1 meeting",
        request=schemas.RequestCreateSerializer,
        responses=schemas.RequestSerializer,
    )
    @requests.mapping.post
    def ask(self, request: Request, pk: str) -> Response:
        meeting = self._meeting(pk)
        v = _valid(schemas.RequestCreateSerializer, request)
        people = {
            d.pk: d
            for d in Delegate.objects.filter(meeting=meeting, pk__in=[v["requester"], v["invitee"]])
        }
        if v["requester"] not in people or v["invitee"] not in people:
            raise NotFound()
        found = services.request_meeting(
            meeting=meeting,
            requester=people[v["requester"]],
            invitee=people[v["invitee"]],
            actor=request.user,
            message=v["message"],
            candidate=MatchCandidate.objects.filter(
                run__in=MatchRun.objects.visible_to(request.user).values("pk"),
                pk=v.get("candidate", 0),
            ).first(),
            interest=Interest.objects.visible_to(request.user)
            .filter(pk=v.get("interest", 0))
            .first(),
        )
        return Response(schemas.RequestSerializer(found).data, status=201)

    @extend_schema(
        tags=TAG,
        summary="The 1:1 schedule (all, or the meetings I may see)",
        responses=schemas.ScheduleSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def schedule(self, request: Request, pk: str) -> Any:
        page = self.paginate_queryset(
            selectors.schedule_of(user=request.user, meeting=self._meeting(pk))
        )
        return self.get_paginated_response(schemas.ScheduleSerializer(page, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Schedule the accepted requests (a job; 202 with its URL)",
        request=schemas.ScheduleRunSerializer,
        responses={202: JobSerializer},
    )
    @schedule.mapping.post
    def run_schedule(self, request: Request, pk: str) -> Response:
        v = _valid(schemas.ScheduleRunSerializer, request)
        job = services.start_schedule(
            meeting=self._meeting(pk), actor=request.user, seconds=v["seconds"]
        )
        return accepted(job, request)

    @extend_schema(
        tags=TAG, summary="Decisions of a meeting", responses=schemas.DecisionSerializer(many=True)
    )
    @action(detail=True, methods=["get"])
    def decisions(self, request: Request, pk: str) -> Any:
        page = self.paginate_queryset(
            selectors.decisions_of(user=request.user, meeting=self._meeting(pk))
        )
        return self.get_paginated_response(schemas.DecisionSerializer(page, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Record a decision",
        request=schemas.DecisionCreateSerializer,
        responses=schemas.DecisionSerializer,
    )
    @decisions.mapping.post
    def record(self, request: Request, pk: str) -> Response:
        data = _valid(schemas.DecisionCreateSerializer, request)
        decision = services.record_decision(
            meeting=self._meeting(pk), data=data, actor=request.user
        )
        return Response(schemas.DecisionSerializer(decision).data, status=201)


class TopicViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.TopicSerializer

    def get_queryset(self) -> Any:
        return Topic.objects.none()

    @extend_schema(
        tags=TAG,
        summary="Accept, merge or decline a topic",
        request=schemas.TopicDecisionSerializer,
    )
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        topic = Topic.objects.visible_to(request.user).filter(pk=int(pk)).first()
        if topic is None:
            raise NotFound()
        v = _valid(schemas.TopicDecisionSerializer, request)
        into = Topic.objects.filter(meeting=topic.meeting, pk=v.get("into", 0)).first()
        services.decide_topic(
            topic=topic, action=v["action"], actor=request.user, reason=v["reason"], into=into
        )
        return Response(schemas.TopicSerializer(topic).data)


class RequestViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.RequestSerializer

    def get_queryset(self) -> Any:
        return Meeting.objects.none()

    @extend_schema(
        tags=TAG, summary="Accept or decline a 1:1 request", request=schemas.AnswerSerializer
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        from hicoop.meetings.models import MeetingRequest

        found = MeetingRequest.objects.visible_to(request.user).filter(pk=int(pk)).first()
        if found is None:
            raise NotFound()
        v = _valid(schemas.AnswerSerializer, request)
        services.answer_request(
            request=found, accept=v["accept"], actor=request.user, reason=v["reason"]
        )
        return Response(schemas.RequestSerializer(found).data)


class DecisionViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.DecisionSerializer

    def get_queryset(self) -> Any:
        return Meeting.objects.none()

    @extend_schema(
        tags=TAG, summary="Carry out a decision through the cooperation services", request=None
    )
    @action(detail=True, methods=["post"])
    def execute(self, request: Request, pk: str) -> Response:
        decision = selectors.decision_detail(user=request.user, pk=int(pk))
        services.execute_decision(decision=decision, actor=request.user, on=_today())
        return Response(schemas.DecisionSerializer(decision).data)


class ActionViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = schemas.ActionSerializer

    def get_queryset(self) -> Any:
        return FollowUp.objects.none()

    @extend_schema(tags=TAG, summary="Follow-up actions (mine=1: only mine; status=open|done)")
    def list(self, request: Request) -> Any:
        status = request.query_params.get("status", "")
        found = selectors.actions_for(
            user=request.user,
            mine=request.query_params.get("mine") == "1",
            status=status if status in ("open", "done") else "",
        ).order_by("status", "due_on", "pk")
        page = self.paginate_queryset(found)
        return self.get_paginated_response(schemas.ActionSerializer(page, many=True).data)

    @extend_schema(tags=TAG, summary="Mark a follow-up action done", request=schemas.DoneSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: str) -> Response:
        found = FollowUp.objects.visible_to(request.user).filter(pk=int(pk)).first()
        if found is None:
            raise NotFound()
        v = _valid(schemas.DoneSerializer, request)
        services.complete_action(action=found, actor=request.user, note=v["note"])
        return Response(schemas.ActionSerializer(found).data)
