"""API shapes of the meetings domain (every nullable field marked, every text bounded)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from hicoop.meetings.models import (
    Decision,
    FollowUp,
    Meeting,
    MeetingRequest,
    SessionMeeting,
    Topic,
)


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "kind_label",
            "year",
            "title",
            "starts_on",
            "ends_on",
            "venue",
            "topic_deadline",
            "status",
            "status_label",
            "schedule_published_at",
        ]
        read_only_fields = fields


class TopicSerializer(serializers.ModelSerializer[Topic]):
    party_name = serializers.CharField(source="party.display_name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Topic
        fields = [
            "id",
            "title",
            "description",
            "party",
            "party_name",
            "status",
            "status_label",
            "reason",
            "merged_into",
        ]
        read_only_fields = fields


class TopicCreateSerializer(serializers.Serializer[Any]):
    party = serializers.CharField(max_length=200)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class TopicDecisionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=["accept", "merge", "decline"])
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    into = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class RequestSerializer(serializers.ModelSerializer[MeetingRequest]):
    requester_name = serializers.CharField(source="requester.name", read_only=True)
    invitee_name = serializers.CharField(source="invitee.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "requester",
            "requester_name",
            "invitee",
            "invitee_name",
            "source",
            "source_label",
            "candidate",
            "interest",
            "demand",
            "message",
            "status",
            "status_label",
            "reason",
        ]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer[Any]):
    requester = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    invitee = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    candidate = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    interest = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


@extend_schema_serializer(component_name="MeetingRequestAnswer")
class AnswerSerializer(serializers.Serializer[Any]):
    accept = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ScheduleSerializer(serializers.ModelSerializer[SessionMeeting]):
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="slot.ends_at", read_only=True)
    requester = serializers.CharField(source="request.requester.name", read_only=True)
    invitee = serializers.CharField(source="request.invitee.name", read_only=True)

    class Meta:
        model = SessionMeeting
        fields = [
            "id",
            "request",
            "starts_at",
            "ends_at",
            "table",
            "locked",
            "requester",
            "invitee",
        ]
        read_only_fields = fields


class ScheduleRunSerializer(serializers.Serializer[Any]):
    seconds = serializers.FloatField(min_value=1, max_value=120, required=False, default=12.0)


class ActionSerializer(serializers.ModelSerializer[FollowUp]):
    owner_name = serializers.CharField(source="owner.username", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    decision_ref = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "title",
            "owner",
            "owner_name",
            "party",
            "due_on",
            "status",
            "status_label",
            "done_note",
            "decision",
            "decision_ref",
        ]
        read_only_fields = fields

    def get_decision_ref(self, action: FollowUp) -> str:
        return action.decision.reference if action.decision_id else ""


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    reference = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "number",
            "reference",
            "kind",
            "kind_label",
            "title",
            "text",
            "item",
            "task",
            "payload",
            "status",
            "status_label",
            "result_version",
            "result_item",
            "result_task",
            "actions",
        ]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=10000)
    item = serializers.CharField(max_length=20, required=False, allow_blank=True)
    task = serializers.IntegerField(min_value=1, max_value=999, required=False)
    payload = serializers.JSONField(required=False)


class DoneSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
