"""Home page (the mechanism's structure) and error pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core import notifications, workspace
from hicoop.core.panels import home_context


def home(request: HttpRequest) -> HttpResponse:
    """The start page: each app adds its part by registry; signed-in users see their workspace."""
    context: dict[str, Any] = {"workspace": None, **home_context(request)}
    if request.user.is_authenticated:
        today = timezone.localdate()
        context["workspace"] = {
            "todos": workspace.todos_for(request.user, today),
            "sections": workspace.sections_for(request.user, today),
            "recent": list(notifications.notifications_for(user=request.user)[:8]),
        }
    return render(request, "core/home.html", context)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):  # API clients always get JSON, never an HTML page
        from hicoop.core.api import json_error

        codes = {404: "not_found", 403: "permission_denied", 500: "server_error"}
        return json_error(codes.get(status, "error"), message, status=status)
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(
        request, 404, _("Not found"), _("The page or record does not exist, or you may not see it.")
    )


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 403, _("Not allowed"), _("You are not allowed to do this."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("The server could not complete the request. Please try again later."),
    )
