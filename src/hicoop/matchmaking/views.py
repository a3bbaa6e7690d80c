"""Pages for running matches, reading candidates with reasons and answering interests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.accounts import roles
from hicoop.core.exceptions import HicoopError, NotFound
from hicoop.core.pages import error_text, or_404
from hicoop.core.paging import paginate
from hicoop.listings import selectors as listing_selectors
from hicoop.listings.choices import ListingKind
from hicoop.matchmaking import explain, selectors, services
from hicoop.matchmaking.choices import InterestStatus, RunMode
from hicoop.matchmaking.forms import (
    AnswerForm,
    BatchForm,
    InterestForm,
    PartnerInterestForm,
    RunForm,
)
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field

RESULTS_PER_PAGE = 20


def _today() -> dt.date:
    return dt.date.today()


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    demand = request.GET.get("demand", "")
    found = selectors.run_list(
        user=request.user,
        mode=request.GET.get("mode", ""),
        demand=int(demand) if demand.isdigit() else None,
    )
    page, query = paginate(request, found, 20)
    return render(
        request,
        "matchmaking/runs.html",
        {
            "page": page,
            "query": query,
            "batch_form": BatchForm(),
            "office": roles.is_joint_office_admin(request.user),
        },
    )


def _visible_demand(request: HttpRequest, pk: int) -> Any:
    """The demand ``pk`` as the user may see it (404 otherwise)."""
    return or_404(
        listing_selectors.listing_detail,
        kind=ListingKind.DEMAND,
        user=request.user,
        pk=pk,
        on=_today(),
    )


@login_required
@require_POST
def run_for_demand(request: HttpRequest, pk: int) -> HttpResponse:
    demand = _visible_demand(request, pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{k}: {'；'.join(v)}" for k, v in form.errors.items()))
        return redirect("listings:detail", "demands", demand.pk)
    d = form.cleaned_data
    try:
        if d["mode"] == RunMode.MANY_TO_ONE:
            run = services.run_coalition(
                demand=demand, actor=request.user, on=_today(), max_partners=d["max_partners"] or 3
            )
        else:
            run = services.run_point_to_point(
                demand=demand, actor=request.user, on=_today(), k=d["k"] or 10
            )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("listings:detail", "demands", demand.pk)
    return redirect("matchmaking:run", pk=run.pk)


@login_required
@require_POST
def run_batch(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{k}: {'；'.join(v)}" for k, v in form.errors.items()))
        return redirect("matchmaking:runs")
    try:
        run = services.run_batch(actor=request.user, on=_today(), year=form.cleaned_data["year"])
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("matchmaking:runs")
    return redirect("matchmaking:run", pk=run.pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = or_404(selectors.run_detail, user=request.user, pk=pk)
    everyone = list(selectors.candidates_of(run))
    page, query = paginate(request, everyone, RESULTS_PER_PAGE)
    candidates = list(page.object_list)
    names = {f.code: f.display_name for f in Field.objects.all()}
    groups: dict[int, dict[str, Any]] = {}
    for c in candidates:
        for evidence in c.reasons.get("evidence", []):  # stored codes, shown by name
            evidence["field_names"] = "、".join(
                names.get(code, code) for code in evidence["fields_in_common"]
            )
            pair = evidence.get("priority_pair")
            evidence["priority_field"] = names.get(pair[1], pair[1]) if pair else ""
        group = groups.setdefault(
            c.demand_id,
            {
                "demand": c.demand,
                "candidates": [],
                "can_run": selectors.can_run(user=request.user, demand=c.demand),
                "open": selectors.open_interests(c.demand),
            },
        )
        c.interest = group["open"].get(c.partner_id)  # type: ignore[attr-defined]
        group["candidates"].append(c)
    explain.decorate(candidates)
    summary = run.summary or {}
    members = explain.names_by_stored_name(list(summary.get("members") or []))
    return render(
        request,
        "matchmaking/run.html",
        {
            "run": run,
            "groups": list(groups.values()),
            "interest_form": InterestForm(),
            "semantic_note": _semantic_note(run.summary.get("semantic") or {}),
            "weights_note": _weights_note(str(run.inputs.get("weights_version") or "")),
            "formula_text": explain.formula_text(),
            "weight_rows": explain.weight_rows(run.weights or {}),
            "method_label": explain.method_label(str(summary.get("method") or "")),
            "member_names": [members.get(m, m) for m in summary.get("members") or []],
            "coverage": _coverage(run, everyone),
            "page": page,
            "query": query,
        },
    )


def _coverage(run: Any, candidates: list[Any]) -> dict[str, Any] | None:
    if run.mode != RunMode.MANY_TO_ONE:
        return None
    table = explain.coverage_table(list(run.summary.get("requirements") or []), candidates)
    if not table["members"]:
        return None
    interests = selectors.open_interests(run.demand) if run.demand else {}
    for member in table["members"]:
        member.interest = interests.get(member.partner_id)
    return table


def _semantic_note(semantic: dict[str, Any]) -> str:
    """How the run used the semantic channel, in words (stored as codes)."""
    if not semantic:
        return ""
    if semantic.get("used"):
        note = _("on, model %(model)s") % {"model": semantic.get("model") or "—"}
        waiting = int(semantic.get("records_awaiting_embedding") or 0)
        if waiting:
            note += " · " + _("%(n)s records were still being embedded") % {"n": waiting}
        return note
    reasons = {
        "off": _("switched off in the settings"),
        "not_installed": _("the embedding package is not installed"),
        "unusable": _("the configured embedding model could not be loaded"),
    }
    reason = reasons.get(str(semantic.get("lexical_only_reason") or ""))
    note = _("off: this run is lexical only")
    return f"{note} ({reason})" if reason else note


def _weights_note(version: str) -> str:
    if version.startswith("learned-v"):
        return _("learned from partners' answers, version %(n)s") % {"n": version[9:]}
    if version == "given":
        return _("set for this run")
    return _("shipped weights") if version else ""


@login_required
@require_POST
def interest_create(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = or_404(selectors.candidate_detail, user=request.user, pk=pk)
    form = InterestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.express_interest(
            demand=candidate.demand,
            partner=candidate.partner,
            candidate=candidate,
            actor=request.user,
            message=message,
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Expression of interest sent to %(partner)s.")
            % {"partner": candidate.partner.display_name},
        )
    return redirect("matchmaking:run", pk=candidate.run_id)


@login_required
@require_POST
def interest_from_listing(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A demand owner sends an interest to the owner of a published capability or achievement."""
    plural = {"capability": "capabilities", "achievement": "achievements"}.get(kind)
    if plural is None:
        raise Http404
    offer = or_404(
        listing_selectors.listing_detail, kind=kind, user=request.user, pk=pk, on=_today()
    )
    demand_id = request.POST.get("demand", "")
    demand = (
        or_404(
            listing_selectors.listing_detail,
            kind=ListingKind.DEMAND,
            user=request.user,
            pk=int(demand_id),
            on=_today(),
        )
        if demand_id.isdigit()
        else None
    )
    form = InterestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    if demand is None:
        messages.error(request, _("Choose one of your published demands."))
        return redirect("listings:detail", plural, pk)
    try:
        services.express_interest(
            demand=demand, partner=offer.owner, actor=request.user, message=message
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Expression of interest sent to %(partner)s.")
            % {"partner": offer.owner.display_name},
        )
    return redirect("listings:detail", plural, pk)


@login_required
@require_POST
def interest_from_demand(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner's member expresses interest in a published demand; its owner answers."""
    demand = _visible_demand(request, pk)
    form = PartnerInterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join("；".join(v) for v in form.errors.values()))
        return redirect("listings:detail", "demands", demand.pk)
    partner = Party.objects.visible_to(request.user).filter(pk=form.cleaned_data["partner"]).first()
    try:
        if partner is None:
            raise NotFound()
        services.express_interest_as_partner(
            demand=demand, partner=partner, actor=request.user, message=form.cleaned_data["message"]
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("Expression of interest sent to %(partner)s.")
            % {"partner": demand.owner.display_name},
        )
    return redirect("listings:detail", "demands", demand.pk)


@login_required
def interest_list(request: HttpRequest) -> HttpResponse:
    box = request.GET.get("box", "received")
    status = request.GET.get("status", "")
    found = selectors.interest_list(
        user=request.user, box=box, status=status if status in InterestStatus.values else ""
    )
    page, query = paginate(request, found, 20)
    selectors.mark_actions(user=request.user, interests=list(page.object_list))
    return render(
        request,
        "matchmaking/interests.html",
        {
            "page": page,
            "query": query,
            "box": box,
            "status": status,
            "answer_form": AnswerForm(),
            "statuses": InterestStatus.choices,
        },
    )


@login_required
@require_POST
def interest_answer(request: HttpRequest, pk: int) -> HttpResponse:
    interest = or_404(selectors.interest_detail, user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{k}: {'；'.join(v)}" for k, v in form.errors.items()))
        return redirect("matchmaking:interests")
    d = form.cleaned_data
    try:
        services.respond_interest(
            interest=interest,
            actor=request.user,
            accept=d["answer"] == "accept",
            reason=d["reason"],
            note=d["note"],
            on=_today(),
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("matchmaking:interests")
    if interest.item_id:
        messages.success(
            request,
            _("Accepted: cooperation item %(number)s was created.")
            % {"number": interest.item.number},
        )
        return redirect("cooperation:item", pk=interest.item_id)
    messages.success(request, _("Declined; the reason is kept as feedback for later matching."))
    return redirect("matchmaking:interests")


def local_next(request: HttpRequest, default: str) -> str:
    """The ``next`` the form carried, if it is a page of this site; ``default`` otherwise."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


@login_required
@require_POST
def interest_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    interest = or_404(selectors.interest_detail, user=request.user, pk=pk)
    try:
        services.withdraw_interest(interest=interest, actor=request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Withdrawn."))
    return redirect(local_next(request, "/matching/interests/?box=sent"))
