"""Shared REST API pieces: pagination and the single place errors become JSON.

Every error body has the form ``{"code": ..., "message": ..., "details": ...}``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from hicoop.core.exceptions import HicoopError, validation_details


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def _body(code: str, message: Any, details: Any = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "details": details or {}}


def json_error(code: str, message: Any, details: Any = None, *, status: int) -> JsonResponse:
    """The common error body outside DRF (middleware, error handlers)."""
    return JsonResponse(
        _body(code, message, details), status=status, json_dumps_params={"ensure_ascii": False}
    )


def _client_error(exc: Exception) -> Response | None:
    """Errors that the input caused, raised below the services' own checks (issue 11): a 400 or a
    409 with the common body instead of a 500."""
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            _body(
                "protected",
                _("This record is still used by other records and cannot be deleted."),
                {"used_by": sorted({o._meta.verbose_name for o in exc.args[1]})[:10]},
            ),
            status=409,
        )
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        return Response(_body("too_large", _("The request is too large.")), status=413)
    if isinstance(exc, RecursionError):
        return Response(
            _body("malformed_request", _("The request body is nested too deeply.")), status=400
        )
    if isinstance(exc, UnicodeError):
        return Response(
            _body("invalid_text", _("The request contains characters that are not valid text.")),
            status=400,
        )
    if isinstance(exc, DataError | OverflowError | ValueError | TypeError):
        # Out-of-range numbers, NUL characters, ids that are not numbers, values of the wrong
        # type: the database or a conversion refused the input.
        return Response(
            _body("invalid_value", _("A value in the request is not valid or out of range.")),
            status=400,
        )
    return None


def _drf_error(exc: drf.APIException) -> Response:
    if isinstance(exc, drf.ParseError):
        body = _body(
            "malformed_request",
            _("The request body is not valid JSON."),
            {"parser": str(exc.detail)},
        )
    elif isinstance(exc, drf.ValidationError):
        details = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
        body = _body("validation_error", _("Some fields are not valid."), details)
    elif isinstance(exc, drf.NotAuthenticated | drf.AuthenticationFailed):
        body = _body("not_authenticated", _("Please log in or send a valid token."))
    elif isinstance(exc, drf.PermissionDenied):
        body = _body("permission_denied", _("You are not allowed to do this."))
    elif isinstance(exc, drf.NotFound):
        body = _body("not_found", _("The record does not exist or you may not see it."))
    elif isinstance(exc, drf.MethodNotAllowed):
        body = _body("method_not_allowed", _("This method is not allowed here."))
    elif isinstance(exc, drf.UnsupportedMediaType):
        body = _body("unsupported_media_type", _("Send the request body as JSON."))
    elif isinstance(exc, drf.Throttled):
        body = _body("throttled", _("Too many requests; please wait and try again."))
    else:
        body = _body(exc.default_code, exc.detail)
    response = Response(body, status=exc.status_code)
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: map every expected error to the common JSON shape."""
    if isinstance(exc, HicoopError):
        return Response(_body(exc.code, exc.message, exc.details), status=exc.status)
    if isinstance(exc, DjangoValidationError):
        return Response(
            _body("validation_error", _("Some fields are not valid."), validation_details(exc)),
            status=400,
        )
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if isinstance(exc, drf.APIException):
        return _drf_error(exc)
    return _client_error(exc)


class UserThrottle(UserRateThrottle):
    """Requests per signed-in user (``HICOOP_API_RATE_USER``); off when HICOOP_THROTTLE=false."""

    def allow_request(self, request: Any, view: Any) -> bool:
        return not settings.HICOOP_THROTTLE or super().allow_request(request, view)


class AnonThrottle(AnonRateThrottle):
    """Requests per anonymous address (``HICOOP_API_RATE_ANON``)."""

    def allow_request(self, request: Any, view: Any) -> bool:
        return not settings.HICOOP_THROTTLE or super().allow_request(request, view)


class LoginThrottle(AnonRateThrottle):
    """Token requests per address (``HICOOP_API_RATE_LOGIN``), signed in or not."""

    scope = "login"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request: Any, view: Any) -> bool:
        return not settings.HICOOP_THROTTLE or super().allow_request(request, view)
