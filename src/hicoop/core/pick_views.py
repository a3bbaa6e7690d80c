"""``/pick/<source>/``: the options of a searchable picker matching what was typed (HTML rows)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hicoop.core import pickers
from hicoop.core.widgets import QUERY_SUFFIX

FIELD_NAME = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
PARAMS = re.compile(r"^[A-Za-z0-9_-]{0,40}$")


@login_required
@require_GET
def pick(request: HttpRequest, name: str) -> HttpResponse:
    source = pickers.source(name)
    field = str(request.GET.get("field", ""))
    if source is None or not FIELD_NAME.match(field):
        raise Http404()
    typed = str(request.GET.get(field + QUERY_SUFFIX) or request.GET.get("q") or "").strip()
    params = {k: str(request.GET.get(k, "")) for k in ("kind", "side", "exclude")}
    params = {k: v for k, v in params.items() if v and PARAMS.match(v)}
    context: dict[str, Any] = {
        "name": field,
        "options": [],
        "searched": bool(typed),
        "limit": pickers.MAX_RESULTS,
    }
    if len(typed) > pickers.MAX_QUERY:
        context["message"] = _("Type at most %(n)d characters.") % {"n": pickers.MAX_QUERY}
    elif typed:
        context["options"] = source.search(request.user, typed, params)
    response = render(request, "core/widgets/picker_options.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
