"""Shared helpers of the meetings pages: run a service, flash its error, go back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.pages import error_text, or_404
from hicoop.meetings import selectors
from hicoop.meetings.models import Meeting


def today() -> dt.date:
    return dt.date.today()


def meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    return or_404(selectors.meeting_detail, user=request.user, pk=pk)


def act(request: HttpRequest, call: Callable[[], Any], done: str, back: str) -> HttpResponse:
    """Run one service call; flash its success or its error (zh/en), then go ``back``."""
    try:
        call()
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(back)


def attempt(call: Callable[[], Any]) -> tuple[Any, dict[str, list[str]], str]:
    """Run a service call for a form: the result, field errors and a general error."""
    try:
        return call(), {}, ""
    except ValidationFailed as exc:
        details = exc.details if isinstance(exc.details, dict) else {}
        return None, {k: [str(m) for m in v] for k, v in details.items()}, str(exc.message)
    except HicoopError as exc:
        return None, {}, error_text(exc)


def posted(request: HttpRequest, *names: str) -> dict[str, Any]:
    """The named fields of a POST, as typed (empty fields left out)."""
    return {n: request.POST.get(n, "") for n in names if request.POST.get(n, "") != ""}
