"""Token login and "who am I" for API clients."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hicoop.accounts import roles
from hicoop.accounts.schemas import MeSerializer, TokenRequestSerializer, TokenSerializer
from hicoop.accounts.services import rotate_api_token
from hicoop.core.api import LoginThrottle
from hicoop.core.exceptions import HicoopError


class BadCredentials(HicoopError):
    code = "bad_credentials"
    status = 400
    default_message = _("The user name or password is wrong.")


class TokenView(APIView):
    """Exchange a user name and password for an API token (the previous token is replaced)."""

    permission_classes: list[Any] = []
    authentication_classes: list[Any] = []
    throttle_classes = [LoginThrottle]  # issue 11: password guessing is slowed per address

    @extend_schema(request=TokenRequestSerializer, responses=TokenSerializer)
    def post(self, request: Request) -> Response:
        incoming = TokenRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        user = authenticate(request, **incoming.validated_data)
        if user is None or not user.is_active:
            raise BadCredentials()
        return Response({"token": rotate_api_token(user=user).key})


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        return Response(
            MeSerializer(
                {
                    "username": user.get_username(),
                    "full_name": user.get_full_name(),  # type: ignore[union-attr]
                    "is_joint_office_admin": roles.is_joint_office_admin(user),
                    "memberships": user.memberships.select_related("party"),  # type: ignore[union-attr]
                }
            ).data
        )
