"""Chinese first: pages are Chinese unless the user chose English (language cookie).

API clients may still ask for a language with ``Accept-Language``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import check_for_language, get_supported_language_variant


class ChineseFirstLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _language(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen and check_for_language(chosen):
            return get_supported_language_variant(chosen)
        if request.path.startswith("/api/") and request.META.get("HTTP_ACCEPT_LANGUAGE"):
            return translation.get_language_from_request(request)
        return settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self._language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie, Accept-Language")
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the limit before anything reads it (issue 11).

    Django checks ``DATA_UPLOAD_MAX_MEMORY_SIZE`` only when ``request.body`` is read; the API's
    JSON parser reads the stream, so a 20 MB description was accepted. Multipart uploads may be
    as large as the attachment limit (``HICOOP_MAX_UPLOAD_MB``) plus the form around it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.content_type == "multipart/form-data"
        limit = (
            (settings.HICOOP_MAX_UPLOAD_MB + 1) * 1024 * 1024
            if multipart
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if limit is not None and length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    def _too_large(self, request: HttpRequest, limit: int) -> HttpResponse:
        from django.utils.translation import gettext as _

        megabytes = f"{limit / 1024 / 1024:.1f}"
        message = _("The request is too large (at most %(mb)s MB).") % {"mb": megabytes}
        if request.path.startswith("/api/"):
            from hicoop.core.api import json_error

            return json_error("too_large", message, {"limit_bytes": limit}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (ADR 0012)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.HICOOP_CSP:
            response.headers.setdefault("Content-Security-Policy", settings.HICOOP_CSP)
        response.headers.setdefault("Permissions-Policy", settings.HICOOP_PERMISSIONS_POLICY)
        return response
