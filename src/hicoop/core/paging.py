"""Pagination shared by list pages: the page and the query string without ``page``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Sequence[Any] | Any, size: int) -> tuple[Page, str]:
    """The requested page of ``items`` and the other GET parameters, for the pager links."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
