"""Pages of monitoring and evaluation: league table, scorecards, allocation scenarios, data sets
and commendations. Each page reads through a selector and writes through one service call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.accounts import roles
from hicoop.core.access import is_office
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.pages import error_text, or_404
from hicoop.core.workflow import events_of
from hicoop.evaluation import selectors
from hicoop.evaluation.models import (
    AllocationScenario,
    Commendation,
    CommendationRule,
    EvaluationRun,
    FormulaVersion,
    Indicator,
)
from hicoop.evaluation.services import commendations, datasets, runs, scenarios
from hicoop.parties.models import Party

DEFAULT_YEAR = 2026


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    latest = EvaluationRun.objects.order_by("-year").values_list("year", flat=True).first()
    return latest or DEFAULT_YEAR


def _act(request: HttpRequest, call: Callable[[], Any], done: str, back: str) -> HttpResponse:
    try:
        call()
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(back)


def _names() -> dict[str, str]:
    return {i.code: i.display_name for i in Indicator.objects.all()}


@login_required
def league(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    run = selectors.current_run(user=request.user, year=year)
    return _league_page(request, run, year)


@login_required
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = or_404(selectors.run_detail, user=request.user, pk=pk)
    return _league_page(request, run, run.year)


def _league_page(request: HttpRequest, run: EvaluationRun | None, year: int) -> HttpResponse:
    office = roles.reads_everything(request.user)
    return render(
        request,
        "evaluation/league.html",
        {
            "year": year,
            "run": run,
            "scores": selectors.scores_of(run=run) if run else [],
            "runs": selectors.runs(user=request.user, year=year) if office else [],
            "office": office,
            "may_run": is_office(request.user),
            "own": set(Party.objects.worked_on_by(request.user).values_list("pk", flat=True)),
        },
    )


@login_required
@require_POST
def start_run(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    try:
        job = runs.start_run(year=year, actor=request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect(f"{reverse('evaluation:league')}?year={year}")
    return redirect("core:job", pk=job.pk)


@login_required
@require_POST
def publish_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = or_404(selectors.run_detail, user=request.user, pk=pk)
    return _act(
        request,
        lambda: runs.publish_run(run=run, actor=request.user),
        _("The scores are published."),
        reverse("evaluation:run", args=[pk]),
    )


@login_required
def scorecard(request: HttpRequest, pk: int, locality: int) -> HttpResponse:
    run = or_404(selectors.run_detail, user=request.user, pk=pk)
    score, lines = or_404(selectors.scorecard, user=request.user, run=run, locality_id=locality)
    names = _names()
    for line in lines:
        line["name"] = names.get(line["term"]["indicator"], "")
        line["records"] = [_record_link(r) for r in line["value"].records]
    return render(
        request,
        "evaluation/scorecard.html",
        {"run": run, "score": score, "lines": lines, "explanation": _explain(score, names)},
    )


def _record_link(record: dict[str, str]) -> dict[str, Any]:
    """A record behind a value. The snapshot stored the system's own labels in the language of
    the run; they are named again in the reader's. Other labels are the records' titles."""
    url = record.get("url", "")
    if url.startswith(reverse("evaluation:datasets")):
        return {"url": url, "label": _("Data set (approved and locked)"), "userdata": False}
    if url == reverse("transfer:list"):
        return {"url": url, "label": _("Technology transfer contracts"), "userdata": False}
    return {"url": url, "label": record.get("label", ""), "userdata": True}


def _explain(score: Any, names: dict[str, str]) -> str:
    """The stored explanation in the reader's language (indicator names as labels)."""
    parts = [
        f"{t['weight']} × {t['normalised']} ({names.get(t['indicator'], '')} {t['detail']})".replace(
            " )", ")"
        )
        for t in score.terms
    ]
    return f"{score.score} = " + " + ".join(parts)


@login_required
def allocations(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    found = list(selectors.scenarios(user=request.user, year=year))
    codes = sorted({c for s in found for c in s.shares}, key=int)
    names = {p.pk: p.display_name for p in Party.objects.filter(pk__in=[int(c) for c in codes])}
    rows = []
    for code in codes:
        cells = []
        base = int(found[0].shares.get(code, 0)) if found else 0
        for s in found:
            fen = int(s.shares.get(code, 0))
            cells.append(
                {
                    "wan": Decimal(fen) / 1_000_000,
                    "score": s.scores.get(code, ""),
                    "delta": Decimal(fen - base) / 1_000_000,
                }
            )
        rows.append({"locality": names.get(int(code), code), "cells": cells})
    totals = [Decimal(sum(int(v) for v in s.shares.values())) / 1_000_000 for s in found]
    run = selectors.current_run(user=request.user, year=year)
    return render(
        request,
        "evaluation/allocations.html",
        {
            "year": year,
            "scenarios": found,
            "rows": rows,
            "totals": totals,
            "office": is_office(request.user),
            "run": run,
            "scoring_versions": FormulaVersion.objects.filter(kind=FormulaVersion.SCORING),
            "allocation_versions": FormulaVersion.objects.filter(kind=FormulaVersion.ALLOCATION),
            "indicators": Indicator.objects.filter(
                code__in=[i["code"] for i in run.snapshot["formula"]["indicators"]]
            )
            if run
            else [],
        },
    )


def _weights(request: HttpRequest) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for key, value in request.POST.items():
        if key.startswith("w_") and value.strip():
            try:
                out[key[2:]] = Decimal(value.strip())
            except InvalidOperation:
                raise ValidationFailed(details={key[2:]: [_("Enter a number.")]}) from None
    return out


def _version(request: HttpRequest, name: str, kind: str) -> FormulaVersion | None:
    raw = request.POST.get(name, "")
    if not raw:
        return None
    found = FormulaVersion.objects.filter(kind=kind, pk=int(raw) if raw.isdigit() else 0).first()
    if found is None:
        raise ValidationFailed(details={name: [_("Choose a formula version.")]})
    return found


@login_required
@require_POST
def create_scenario(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    back = f"{reverse('evaluation:allocations')}?year={year}"

    def call() -> AllocationScenario:
        run = selectors.current_run(user=request.user, year=year)
        if run is None:
            raise ValidationFailed(_("Run the evaluation for this year first."))
        try:
            pot = Decimal(request.POST.get("pot_wan", "").strip())
        except InvalidOperation:
            raise ValidationFailed(details={"pot_wan": [_("Enter a number.")]}) from None
        return scenarios.create_scenario(
            run=run,
            name=request.POST.get("name", ""),
            pot_wan=pot,
            actor=request.user,
            weights=_weights(request),
            scoring=_version(request, "scoring", FormulaVersion.SCORING),
            allocation=_version(request, "allocation", FormulaVersion.ALLOCATION),
        )

    return _act(request, call, _("The scenario is computed."), back)


@login_required
@require_POST
def adopt_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = AllocationScenario.objects.visible_to(request.user).filter(pk=pk).first()
    if scenario is None:
        raise Http404()
    return _act(
        request,
        lambda: scenarios.adopt(
            scenario=scenario, actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("The allocation is adopted and frozen."),
        f"{reverse('evaluation:allocations')}?year={scenario.year}",
    )


@login_required
@require_POST
def replay_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = AllocationScenario.objects.visible_to(request.user).filter(pk=pk).first()
    if scenario is None:
        raise Http404()
    back = f"{reverse('evaluation:allocations')}?year={scenario.year}"
    try:
        again = scenarios.replay(scenario=scenario)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect(back)
    if again == {k: int(v) for k, v in scenario.shares.items()}:
        messages.success(request, _("Replayed from the stored inputs: identical to the fen."))
    else:
        messages.error(request, _("The replay differs from the stored shares."))
    return redirect(back)


@login_required
def dataset_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    found = selectors.datasets(user=request.user, year=year)
    rows = [datasets.completeness(d) for d in found]
    return render(request, "evaluation/datasets.html", {"year": year, "rows": rows})


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = or_404(selectors.dataset_detail, user=request.user, pk=pk)
    errors: dict[str, list[str]] = {}
    failures = datasets.check_rules(found.values)
    if request.method == "POST":
        values = {i.code: request.POST.get(i.code, "") for i in datasets.reported_indicators()}
        try:
            found, failures = datasets.save_values(dataset=found, values=values, actor=request.user)
        except ValidationFailed as exc:
            errors = exc.details if isinstance(exc.details, dict) else {}
            messages.error(request, error_text(exc))
        except HicoopError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("evaluation:dataset", pk=pk)
    fields = [
        {"indicator": i, "value": found.values.get(i.code, ""), "errors": errors.get(i.code, [])}
        for i in datasets.reported_indicators()
    ]
    return render(
        request,
        "evaluation/dataset.html",
        {
            "dataset": found,
            "fields": fields,
            "failures": failures,
            "steps": found.workflow.actions_from(found.status),
            "events": events_of(found),
            "completeness": datasets.completeness(found),
        },
    )


@login_required
@require_POST
def dataset_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = or_404(selectors.dataset_detail, user=request.user, pk=pk)
    reason = request.POST.get("reason", "")

    def call() -> Any:
        if action == "submit":
            return datasets.submit(dataset=found, actor=request.user, on=dt.date.today())
        return datasets.decide(dataset=found, action=action, actor=request.user, reason=reason)

    return _act(request, call, _("Done."), reverse("evaluation:dataset", args=[pk]))


@login_required
def commendation_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    clist = selectors.commendations(user=request.user, year=year)
    office = is_office(request.user)
    entries = []
    if clist is not None:
        entries = list(clist.entries.select_related("party", "rule").order_by("rule__code", "pk"))
        if not office:
            entries = [e for e in entries if e.approved]
    rules = [
        {"rule": r, "note": commendations.rule_note(r)}
        for r in CommendationRule.objects.filter(is_active=True)
    ]
    return render(
        request,
        "evaluation/commendations.html",
        {"year": year, "clist": clist, "entries": entries, "office": office, "rules": rules},
    )


@login_required
@require_POST
def find_candidates(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return _act(
        request,
        lambda: commendations.find_candidates(year=year, actor=request.user),
        _("Candidates found by the rules."),
        f"{reverse('evaluation:commendations')}?year={year}",
    )


@login_required
@require_POST
def decide_commendation(request: HttpRequest, pk: int) -> HttpResponse:
    entry = Commendation.objects.select_related("list").filter(pk=pk).first()
    if entry is None or not is_office(request.user):
        raise Http404()
    return _act(
        request,
        lambda: commendations.decide_entry(
            entry=entry,
            approved=request.POST.get("approved") == "1",
            actor=request.user,
            citation=request.POST.get("citation", ""),
            reason=request.POST.get("reason", ""),
        ),
        _("Saved."),
        f"{reverse('evaluation:commendations')}?year={entry.list.year}",
    )


@login_required
@require_POST
def publish_commendations(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    clist = selectors.commendations(user=request.user, year=year)
    back = f"{reverse('evaluation:commendations')}?year={year}"
    if clist is None:
        return redirect(back)
    return _act(
        request,
        lambda: commendations.publish_list(clist=clist, actor=request.user),
        _("The commendation list is published."),
        back,
    )
