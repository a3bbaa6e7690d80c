"""Shared bits of the catalogue's pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone

from hicoop.core.exceptions import HicoopError
from hicoop.core.inputs import ParseError, as_date
from hicoop.core.pages import error_text


def date_param(request: HttpRequest, name: str = "on", default: Any = "today") -> dt.date | None:
    """A date from the query string; an unreadable one is reported and ignored."""
    raw = request.GET.get(name, "")
    if raw == "" and name not in request.GET:
        return timezone.localdate() if default == "today" else default
    try:
        return as_date(raw)
    except ParseError as exc:
        messages.error(request, str(exc))
        return None


def int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


def flash(request: HttpRequest, exc: HicoopError) -> None:
    messages.error(request, error_text(exc))


def field_errors(exc: HicoopError) -> dict[str, list[str]]:
    details = exc.details if isinstance(exc.details, dict) else {}
    return {k: [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in details.items()}
