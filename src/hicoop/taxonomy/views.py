"""The fields taxonomy page (public reference data)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hicoop.taxonomy import selectors


def field_list(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/fields.html", {"fields": selectors.fields()})
