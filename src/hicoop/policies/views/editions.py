"""Edition pages: the published catalogue of a year (public), editing it (editors), the diff
against the previous year and the Excel and PDF exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.exceptions import HicoopError
from hicoop.core.export import XLSX_TYPE
from hicoop.core.pages import or_404
from hicoop.policies import export, forms, selectors
from hicoop.policies.choices import PolicyStatus
from hicoop.policies.models import Policy
from hicoop.policies.records import EDITION_ATTRS
from hicoop.policies.roles import is_editor
from hicoop.policies.services import editions as services
from hicoop.policies.transitions import EDITION_WORKFLOW
from hicoop.policies.views.common import field_errors, flash


def edition_list(request: HttpRequest) -> HttpResponse:
    found = selectors.editions(user=request.user)
    return render(
        request, "policies/editions.html", {"editions": found, "can_edit": is_editor(request.user)}
    )


def edition_detail(request: HttpRequest, year: int) -> HttpResponse:
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    editor = is_editor(request.user) and not edition.frozen
    listed = edition.entries.values("policy_id")
    context = {
        "edition": edition,
        "groups": selectors.grouped_entries(edition),
        "places": selectors.entries_by_place(edition),
        "previous": selectors.previous_edition(user=request.user, edition=edition),
        "can_edit": editor,
        "actions": EDITION_WORKFLOW.actions_from(edition.status) if is_editor(request.user) else [],
        "candidates": Policy.objects.filter(status=PolicyStatus.ACTIVE)
        .exclude(pk__in=listed)
        .only("pk", "title")
        if editor
        else [],
    }
    return render(request, "policies/edition.html", context)


def edition_diff(request: HttpRequest, year: int) -> HttpResponse:
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    previous = selectors.previous_edition(user=request.user, edition=edition)
    rows = selectors.edition_diff(edition, previous)
    changed = [r for r in rows if r.change != "unchanged"]
    context = {"edition": edition, "previous": previous, "rows": changed, "total": len(rows)}
    return render(request, "policies/edition_diff.html", context)


def edition_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    if fmt not in {"xlsx", "pdf"}:
        raise Http404()
    if fmt == "xlsx":
        response = HttpResponse(export.edition_xlsx(edition), content_type=XLSX_TYPE)
    else:
        try:
            response = HttpResponse(export.edition_pdf(edition), content_type="application/pdf")
        except HicoopError as exc:
            flash(request, exc)
            return redirect("policies:edition", year)
    response["Content-Disposition"] = f'attachment; filename="catalogue-{year}.{fmt}"'
    return response


def _require(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise DjangoPermissionDenied()


@login_required
def edition_create(request: HttpRequest) -> HttpResponse:
    _require(request)
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = forms.read(EDITION_ATTRS, request.POST)
        try:
            edition = services.create_edition(data=values, actor=request.user)
            previous = selectors.previous_edition(user=request.user, edition=edition)
            if previous is not None and request.POST.get("copy") == "1":
                services.start_from(edition=edition, previous=previous, actor=request.user)
        except HicoopError as exc:
            flash(request, exc)
            errors = field_errors(exc)
        else:
            return redirect("policies:edition", edition.year)
    context = {
        "title": _("New catalogue edition"),
        "fields": forms.build(EDITION_ATTRS, values, errors),
        "edition_form": True,
    }
    return render(request, "policies/form.html", context, status=400 if errors else 200)


@login_required
@require_POST
def edition_entry_add(request: HttpRequest, year: int) -> HttpResponse:
    _require(request)
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    raw = request.POST.get("policy", "")
    policy = Policy.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    try:
        if policy is None:
            from hicoop.core.exceptions import ValidationFailed

            raise ValidationFailed(details={"policy": [_("Choose a policy.")]})
        services.add_entry(
            edition=edition,
            policy=policy,
            actor=request.user,
            data={
                "summary": request.POST.get("summary", ""),
                "summary_en": request.POST.get("summary_en", ""),
            },
        )
    except HicoopError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("policies:edition", year)


@login_required
@require_POST
def edition_entry_change(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    _require(request)
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    entry = edition.entries.filter(pk=pk).first()
    if entry is None:
        return redirect("policies:edition", year)
    try:
        if request.POST.get("remove") == "1":
            services.remove_entry(entry=entry, actor=request.user)
        else:
            changes = {k: request.POST.get(k, "") for k in ("summary", "summary_en", "category")}
            services.update_entry(entry=entry, changes=changes, actor=request.user)
    except HicoopError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("policies:edition", year)


@login_required
@require_POST
def edition_transition(request: HttpRequest, year: int, action: str) -> HttpResponse:
    _require(request)
    edition = or_404(selectors.edition_detail, user=request.user, year=year)
    try:
        services.transition_edition(
            edition=edition,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except HicoopError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("policies:edition", year)
