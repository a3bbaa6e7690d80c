"""Small helpers shared by the server-rendered pages of every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from hicoop.core.exceptions import HicoopError, NotFound

T = TypeVar("T")


def or_404(read: Callable[..., T], **kwargs: Any) -> T:
    """Call a selector; a record the user may not see becomes a 404 page."""
    try:
        return read(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def error_text(exc: HicoopError) -> str:
    """A typed error and its field messages as one line for a flash message (machine-readable
    details such as a current status are left to the API)."""
    details = exc.details if isinstance(exc.details, dict) else {}
    extra = "; ".join(str(m) for msgs in details.values() if isinstance(msgs, list) for m in msgs)
    return f"{exc.message} {extra}".strip()


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address of a form if it stays on this site, else ``default`` (no open
    redirect to ``https://evil.example.com``)."""
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
