"""Home page (the mechanism's structure) and error pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hicoop.parties import selectors as party_selectors
from hicoop.parties.choices import PartyKind
from hicoop.taxonomy import selectors as taxonomy_selectors


def home(request: HttpRequest) -> HttpResponse:
    year, matrix = party_selectors.priority_matrix()
    counts = party_selectors.party_counts_by_kind(user=request.user)
    context = {
        "measures": taxonomy_selectors.measures(),
        "field_groups": taxonomy_selectors.fields_by_kind(),
        "kind_counts": [(k, label, counts.get(k, 0)) for k, label in PartyKind.choices],
        "matrix_year": year,
        "matrix": taxonomy_selectors.matrix_rows(matrix),
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
