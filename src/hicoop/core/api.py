"""Shared REST API pieces: pagination and the single place errors become JSON.

Every error body has the form ``{"code": ..., "message": ..., "details": ...}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from hicoop.core.exceptions import HicoopError, validation_details


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


def _body(code: str, message: Any, details: Any = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "details": details or {}}


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
    return None
