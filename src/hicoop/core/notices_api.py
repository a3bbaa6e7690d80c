"""``/api/v1/notifications/``: the signed-in user's notifications; mark some or all read; their
e-mail settings (``preferences/``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.core import notice_preferences, notifications
from hicoop.core.actors import display_name
from hicoop.core.models import Notification


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    text = serializers.SerializerMethodField()
    kind_label = serializers.SerializerMethodField()
    sender = serializers.SerializerMethodField()
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "text",
            "url",
            "sender",
            "created_at",
            "read_at",
            "unread",
        ]
        read_only_fields = fields

    def get_text(self, n: Notification) -> str:
        return notifications.text_of(n)

    def get_kind_label(self, n: Notification) -> str:
        return notifications.label_of(n)

    def get_sender(self, n: Notification) -> str:
        return display_name(n.actor_name)

    def get_unread(self, n: Notification) -> bool:
        return n.read_at is None


class MarkReadSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=1000,
        help_text="Leave out to mark every notification read.",
    )


class MarkReadResult(serializers.Serializer[Any]):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


@extend_schema(tags=["notifications"], summary="My notifications, newest first")
class NotificationList(ListAPIView[Notification]):
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        unread_only = self.request.query_params.get("unread") in {"1", "true"}
        return notifications.notifications_for(user=self.request.user, unread_only=unread_only)


@extend_schema(
    tags=["notifications"],
    summary="Mark notifications read",
    request=MarkReadSerializer,
    responses=MarkReadResult,
)
class NotificationsRead(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request: Request) -> Response:
        body = MarkReadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = body.validated_data.get("ids")
        marked = notifications.mark_read(user=request.user, ids=ids)
        return Response({"marked": marked, "unread": notifications.unread_count(request.user)})


class PreferencesSerializer(serializers.Serializer[Any]):
    email_enabled = serializers.BooleanField(help_text="Send a daily e-mail digest at all.")
    language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES],
        help_text="Language of the e-mails: zh-hans (default) or en.",
    )
    muted_kinds = serializers.ListField(
        child=serializers.CharField(max_length=60),
        max_length=200,
        help_text="Notification kinds left out of e-mail (they still show in the app).",
    )
    kinds = serializers.SerializerMethodField(help_text="Every kind, with its label.")

    def get_kinds(self, _obj: Any) -> list[dict[str, str]]:
        return [{"kind": k, "label": v} for k, v in notice_preferences.email_kinds()]


@extend_schema(tags=["notifications"])
class NotificationPreferences(APIView):
    """E-mail choices of the signed-in user; in-app notifications always show every kind."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="My notification e-mail settings", responses=PreferencesSerializer)
    def get(self, request: Request) -> Response:
        return Response(PreferencesSerializer(notice_preferences.preference_of(request.user)).data)

    @extend_schema(
        summary="Change my notification e-mail settings",
        request=PreferencesSerializer,
        responses=PreferencesSerializer,
    )
    def put(self, request: Request) -> Response:
        body = PreferencesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = notice_preferences.save_preferences(
            user=request.user, actor=request.user, **body.validated_data
        )
        return Response(PreferencesSerializer(saved).data)
