"""Pages: reports (list, ask for one, read, download), the cooperation network, public progress."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.export import Column, download
from hicoop.core.pages import error_text, or_404
from hicoop.parties.models import Party
from hicoop.reports import network, selectors, services
from hicoop.reports.snapshot import Snapshot
from hicoop.taxonomy.models import Field, Measure

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _today() -> dt.date:
    return dt.date.today()


def _int(raw: str, low: int, high: int) -> int | None:
    return int(raw) if raw.isdigit() and low <= int(raw) <= high else None


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "reports/list.html",
        {
            "reports": selectors.report_list(user=user)[:100],
            "scopes": selectors.scopes_for(user=user),
            "mechanism": selectors.may_report_mechanism(user=user),
            "year": _today().year - 1,
            "language": "en" if (get_language() or "").startswith("en") else "zh-hans",
        },
    )


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    year = _int(request.POST.get("year", ""), services.MIN_YEAR, services.MAX_YEAR)
    scope = request.POST.get("scope", "")
    party = None
    if scope.isdigit():
        party = Party.objects.filter(pk=int(scope)).first()
    try:
        if year is None or (scope and party is None):
            raise ValidationFailed(details={"year": [services.year_message()]})
        job = services.start_annual(
            actor=request.user,
            year=year,
            party=party,
            language=request.POST.get("language", "zh-hans"),
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("reports:list")
    return redirect("core:job", pk=job.pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = or_404(selectors.report_detail, user=request.user, pk=pk)
    snap = Snapshot.from_json(report.snapshot)
    suffixes = [Path(f).suffix.lstrip(".") for f in report.files]
    return render(
        request, "reports/detail.html", {"report": report, "snap": snap, "suffixes": suffixes}
    )


@login_required
def report_file(request: HttpRequest, pk: int, suffix: str) -> FileResponse:
    report = or_404(selectors.report_detail, user=request.user, pk=pk)
    found = [Path(f) for f in report.files if Path(f).suffix == f".{suffix}"]
    if suffix not in CONTENT_TYPES or not found or not found[0].is_file():
        raise Http404()
    return FileResponse(
        found[0].open("rb"),
        as_attachment=True,
        filename=found[0].name,
        content_type=CONTENT_TYPES[suffix],
    )


# ---------------------------------------------------------------- network


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "year": _int(request.GET.get("year", ""), services.MIN_YEAR, services.MAX_YEAR),
        "measure": _int(request.GET.get("measure", ""), 1, 5),
        "field": request.GET.get("field", "")[:60],
    }


NETWORK_COLUMNS = [
    Column("合作方", "partner side"),
    Column("海南方", "Hainan side"),
    Column("事项", "items"),
    Column("对口帮扶", "pairings"),
    Column("成果转移", "transfers"),
    Column("主要措施", "main measure"),
]


@login_required
def network_page(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    graph = network.build(user=request.user, **filters)
    fmt = request.GET.get("format", "")
    if fmt == "json":
        return JsonResponse(graph.as_json())
    if fmt in ("xlsx", "csv"):
        rows = [
            [e.source_label, e.target_label, e.items, e.pairings, e.transfers, e.measure_label]
            for e in graph.edges
        ]
        return download(fmt, NETWORK_COLUMNS, rows, "hicoop-network")
    return render(
        request,
        "reports/network.html",
        {
            "graph": graph,
            "graph_json": json.dumps(graph.as_json(), ensure_ascii=False),
            "filters": filters,
            "measures": Measure.objects.order_by("number"),
            "fields": Field.objects.all(),
            "years": range(_today().year, services.MIN_YEAR - 1, -1),
            "query": request.GET.urlencode(),
        },
    )


# ---------------------------------------------------------------- public progress


def progress(request: HttpRequest) -> HttpResponse:
    """Public: aggregated progress, the published catalogue edition, published evaluation."""
    data = selectors.public_progress(on=_today())
    return render(request, "reports/progress.html", {"p": data})
