"""Pages of the transfer domain: contracts (list, page with timeline, form, steps, payments,
documents, import), flows (Sankey, tables, funnel, Excel), the rights pilot and campaigns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.access import can_edit, is_office
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.export import Column, download
from hicoop.core.pages import error_text, or_404
from hicoop.core.paging import paginate
from hicoop.transfer import indicators, selectors, services
from hicoop.transfer.choices import (
    AdoptionResult,
    ContractType,
    Programme,
    RightKind,
    TransferStatus,
    Zone,
)
from hicoop.transfer.models import Transfer
from hicoop.transfer.records import TRANSFER_ATTRS
from hicoop.transfer.services import spreadsheet
from hicoop.transfer.transitions import TRANSFER_WORKFLOW

FIELDS = tuple(a.name for a in TRANSFER_ATTRS if a.name != "programmes")


def _act(request: HttpRequest, call: Callable[[], Any], back: str) -> HttpResponse:
    try:
        call()
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


def _attempt(call: Callable[[], Any]) -> tuple[Any, dict[str, list[str]], str]:
    try:
        return call(), {}, ""
    except ValidationFailed as exc:
        details = exc.details if isinstance(exc.details, dict) else {}
        return None, {k: [str(m) for m in v] for k, v in details.items()}, str(exc.message)
    except HicoopError as exc:
        return None, {}, error_text(exc)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else dt.date.today().year


def _filters(request: HttpRequest) -> selectors.TransferFilters:
    year = request.GET.get("year", "")
    return selectors.TransferFilters(
        q=request.GET.get("q", "")[:100],
        status=request.GET.get("status", "")[:20],
        contract_type=request.GET.get("contract_type", "")[:20],
        zone=request.GET.get("zone", "")[:20],
        programme=request.GET.get("programme", "")[:20],
        year=int(year) if year.isdigit() and len(year) == 4 else None,
        sort=request.GET.get("sort", "-signed")[:10],
    )


@login_required
def transfer_list(request: HttpRequest) -> HttpResponse:
    found = selectors.transfer_list(user=request.user, filters=_filters(request))
    if request.GET.get("export") in {"xlsx", "csv"}:
        columns = [Column(a.zh, a.en) for a in TRANSFER_ATTRS]
        rows = spreadsheet.export_rows(found.select_related("field", "item"))
        return download(request.GET["export"], columns, rows, "transfers")
    page, query = paginate(request, found, 20)
    return render(
        request,
        "transfer/list.html",
        {
            "page": page,
            "query": query,
            "statuses": TransferStatus.choices,
            "types": ContractType.choices,
            "zones": Zone.choices,
            "programmes": Programme.choices,
        },
    )


def _form_values(transfer: Transfer | None) -> dict[str, Any]:
    if transfer is None:
        return {**dict.fromkeys(FIELDS, ""), "programmes": []}
    values: dict[str, Any] = {n: getattr(transfer, n) for n in FIELDS}
    refs = {"seller": transfer.seller, "buyer": transfer.buyer, "broker": transfer.broker}
    for name, party in refs.items():
        values[name] = party.name if party else ""
    values["achievement"] = transfer.achievement.title if transfer.achievement else ""
    values["item"] = transfer.item.number if transfer.item else ""
    values["field"] = transfer.field.name if transfer.field else ""
    values["programmes"] = list(transfer.programmes)
    for name in ("amount", "technology_amount", "description", "registration_number", "zone"):
        values[name] = "" if values[name] is None else values[name]
    return values


@login_required
def transfer_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    transfer = or_404(selectors.transfer_detail, user=request.user, pk=pk) if pk else None
    values = _form_values(transfer)
    errors: dict[str, list[str]] = {}
    problem = ""
    if request.method == "POST":
        data: dict[str, Any] = {n: request.POST.get(n, "") for n in FIELDS}
        data["programmes"] = request.POST.getlist("programmes")
        values = {**values, **data}
        if transfer is None:
            saved, errors, problem = _attempt(
                lambda: services.create_transfer(data=data, actor=request.user)
            )
        else:
            saved, errors, problem = _attempt(
                lambda: services.update_transfer(
                    transfer=transfer, changes=data, actor=request.user
                )
            )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("transfer:detail", pk=saved.pk)
    return render(
        request,
        "transfer/form.html",
        {
            "transfer": transfer,
            "values": values,
            "errors": errors,
            "problem": problem,
            "types": ContractType.choices,
            "zones": Zone.choices,
            "programmes": Programme.choices,
        },
    )


@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = or_404(selectors.transfer_detail, user=request.user, pk=pk)
    editable = can_edit(transfer, request.user)
    office = is_office(request.user)
    steps = [
        t
        for t in TRANSFER_WORKFLOW.actions_from(transfer.status)
        if (office if t.by == "office" else editable)
    ]
    return render(
        request,
        "transfer/detail.html",
        {
            "transfer": transfer,
            "editable": editable and transfer.status not in services.transfers.CLOSED,
            "steps": steps,
            "payments": list(transfer.payments.all()),
            "paid": services.paid_total(transfer),
            "programme_labels": [
                str(dict(Programme.choices).get(c, c)) for c in transfer.programmes
            ],
            "document_kinds": services.transfers.DOCUMENT_KINDS,
        },
    )


@login_required
@require_POST
def transfer_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    transfer = or_404(selectors.transfer_detail, user=request.user, pk=pk)
    return _act(
        request,
        lambda: services.take_step(
            transfer=transfer,
            action=action[:40],
            actor=request.user,
            reason=request.POST.get("reason", ""),
            registration=request.POST.get("registration_number", ""),
        ),
        reverse("transfer:detail", args=[pk]),
    )


@login_required
@require_POST
def transfer_payment(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = or_404(selectors.transfer_detail, user=request.user, pk=pk)
    data = {n: request.POST.get(n, "") for n in ("kind", "amount", "received_on", "note")}
    return _act(
        request,
        lambda: services.record_payment(transfer=transfer, data=data, actor=request.user),
        reverse("transfer:detail", args=[pk]),
    )


@login_required
@require_POST
def transfer_upload(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = or_404(selectors.transfer_detail, user=request.user, pk=pk)
    upload = request.FILES.get("file")

    def call() -> Any:
        if upload is None:
            raise ValidationFailed(details={"file": [_("Choose a file.")]})
        return services.add_document(
            transfer=transfer, upload=upload, kind=request.POST.get("kind", ""), actor=request.user
        )

    return _act(request, call, reverse("transfer:detail", args=[pk]))


@login_required
def transfer_import(request: HttpRequest) -> HttpResponse:
    if request.GET.get("template"):
        response = HttpResponse(spreadsheet.template(), content_type="application/vnd.ms-excel")
        response["Content-Disposition"] = 'attachment; filename="transfers-template.xlsx"'
        return response
    result, rows, problem = None, [], ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationFailed(details={"file": [_("Choose a file.")]})
            result = spreadsheet.import_sheet(content=upload.read(), actor=request.user)
        except HicoopError as exc:
            details = exc.details if isinstance(exc.details, dict) else {}
            rows = details.get("rows", [])
            problem = error_text(exc) if not rows else str(exc.message)
    return render(
        request, "transfer/import.html", {"result": result, "rows": rows, "problem": problem}
    )


FLOW_COLUMNS = (
    Column("合同名称", "title"),
    Column("来源", "source"),
    Column("海南承接地", "Hainan place"),
    Column("领域", "field"),
    Column("合同类型", "contract type"),
    Column("示范区", "demonstration zone"),
    Column("合同金额（万元）", "amount (10k yuan)"),
    Column("状态", "status"),
)


@login_required
def flows_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    found = indicators.flows(year=year, user=request.user)
    stages = indicators.funnel(year=year, user=request.user)
    if request.GET.get("export") in {"xlsx", "csv"}:
        rows = [
            (r.title, r.source, r.target, r.field, r.contract_type, r.zone, r.amount, r.status)
            for r in found.rows
        ]
        return download(request.GET["export"], FLOW_COLUMNS, rows, f"transfer-flows-{year}")
    return render(
        request,
        "transfer/flows.html",
        {
            "year": year,
            "flows": found,
            "sankey": found.sankey(),
            "funnel": stages,
            "funnel_data": [{"name": s.label, "value": s.count} for s in stages],
        },
    )


@login_required
def pilot_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transfer/pilot.html",
        {
            "institutions": selectors.institution_list(user=request.user),
            "grants": selectors.grant_list(user=request.user),
            "rights": RightKind.choices,
            "office": is_office(request.user),
        },
    )


@login_required
@require_POST
def grant_create(request: HttpRequest) -> HttpResponse:
    names = ("institution", "achievement", "achievement_title", "right", "term_years", "document")
    data: dict[str, Any] = {n: request.POST.get(n, "") for n in names}
    data["shares"] = request.POST.get("shares", "")
    return _act(
        request,
        lambda: services.propose_grant(data=data, actor=request.user),
        reverse("transfer:pilot"),
    )


@login_required
@require_POST
def grant_decide(request: HttpRequest, pk: int) -> HttpResponse:
    grant = or_404(selectors.grant_detail, user=request.user, pk=pk)
    return _act(
        request,
        lambda: services.decide_grant(
            grant=grant,
            approve=request.POST.get("decision") == "approve",
            actor=request.user,
            reason=request.POST.get("reason", ""),
            document=request.POST.get("document", ""),
        ),
        reverse("transfer:pilot"),
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transfer/campaigns.html",
        {
            "campaigns": selectors.campaign_list(user=request.user),
            "office": is_office(request.user),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = or_404(selectors.campaign_detail, user=request.user, pk=pk)
    return render(
        request,
        "transfer/campaign.html",
        {
            "campaign": campaign,
            "adoptions": selectors.adoptions_of(user=request.user, campaign=campaign),
            "results": AdoptionResult.choices,
            "types": ContractType.choices,
        },
    )


@login_required
@require_POST
def institution_create(request: HttpRequest) -> HttpResponse:
    data = {n: request.POST.get(n, "") for n in ("party", "joined_on", "document", "note")}
    return _act(
        request,
        lambda: services.add_institution(data=data, actor=request.user),
        reverse("transfer:pilot"),
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    names = ("name", "year", "organiser", "description")
    values: dict[str, Any] = {**dict.fromkeys(names, ""), "places": "", "achievements": ""}
    errors: dict[str, list[str]] = {}
    problem = ""
    if request.method == "POST":
        data: dict[str, Any] = {n: request.POST.get(n, "") for n in names}
        data["places"] = request.POST.get("places", "")
        data["achievements"] = request.POST.get("achievements", "")
        values = data
        saved, errors, problem = _attempt(
            lambda: services.create_campaign(data=data, actor=request.user)
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("transfer:campaign", pk=saved.pk)
    return render(
        request,
        "transfer/campaign_form.html",
        {"values": values, "errors": errors, "problem": problem},
    )


@login_required
@require_POST
def adoption_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = or_404(selectors.campaign_detail, user=request.user, pk=pk)
    names = ("achievement", "adopter", "adopted_on", "result", "note")
    data = {n: request.POST.get(n, "") for n in names}
    return _act(
        request,
        lambda: services.record_adoption(campaign=campaign, data=data, actor=request.user),
        reverse("transfer:campaign", args=[pk]),
    )


@login_required
@require_POST
def adoption_contract(request: HttpRequest, pk: int, adoption: int) -> HttpResponse:
    campaign = or_404(selectors.campaign_detail, user=request.user, pk=pk)
    found = selectors.adoptions_of(user=request.user, campaign=campaign).filter(pk=adoption).first()
    if found is None:
        raise Http404()
    data = {
        "contract_type": request.POST.get("contract_type", ""),
        "amount": request.POST.get("amount", ""),
    }
    try:
        transfer = services.adoption_to_transfer(adoption=found, data=data, actor=request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("transfer:campaign", pk=pk)
    messages.success(request, _("A draft contract was made from the adoption."))
    return redirect("transfer:detail", pk=transfer.pk)


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transfer/organisations.html",
        {"organisations": selectors.service_organisations(user=request.user)},
    )
