"""Editing the catalogue (joint office, Hainan S&T department): create, change, publish, amend,
supersede and repeal a policy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.exceptions import HicoopError
from hicoop.core.pages import or_404
from hicoop.policies import forms, selectors
from hicoop.policies.records import CHANGE_ATTRS, POLICY_ATTRS, VERSION_ATTRS
from hicoop.policies.roles import is_editor
from hicoop.policies.services import policies as policy_services
from hicoop.policies.services import versions as version_services
from hicoop.policies.views.common import field_errors, flash


def _require(request: HttpRequest) -> None:
    if not is_editor(request.user):
        raise DjangoPermissionDenied()


def _form(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "policies/form.html", context, status=status)


@login_required
def policy_create(request: HttpRequest) -> HttpResponse:
    _require(request)
    values: dict[str, Any] = {"foreign_talent": "any"}
    version: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values, version = (
            forms.read(POLICY_ATTRS, request.POST),
            forms.read(VERSION_ATTRS, request.POST),
        )
        try:
            policy = policy_services.create_policy(data=values, version=version, actor=request.user)
        except HicoopError as exc:
            flash(request, exc)
            errors = field_errors(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("policies:detail", policy.pk)
    context = {
        "title": _("New policy"),
        "fields": forms.build(POLICY_ATTRS, values, errors),
        "version_fields": forms.build(VERSION_ATTRS, version, errors),
    }
    return _form(request, context, 400 if errors else 200)


@login_required
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    values = forms.policy_values(policy)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = forms.read(POLICY_ATTRS, request.POST)
        try:
            policy_services.update_policy(policy=policy, changes=values, actor=request.user)
        except HicoopError as exc:
            flash(request, exc)
            errors = field_errors(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("policies:detail", policy.pk)
    context = {
        "title": policy.title,
        "policy": policy,
        "fields": forms.build(POLICY_ATTRS, values, errors),
    }
    return _form(request, context, 400 if errors else 200)


@login_required
def policy_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Amend (a new text from a date), supersede or repeal, with a reason and the document."""
    _require(request)
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    if action not in {"amend", "supersede", "repeal"}:
        raise DjangoPermissionDenied()
    attrs = VERSION_ATTRS if action == "amend" else ()
    latest = policy.versions.order_by("-effective_from").first()
    values: dict[str, Any] = (
        {"full_text": latest.full_text if latest else ""} if action == "amend" else {}
    )
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {**forms.read(attrs, request.POST), **forms.read(CHANGE_ATTRS, request.POST)}
        values.update(on=request.POST.get("on", ""), successor=request.POST.get("successor", ""))
        try:
            _apply_change(policy, action, values, request.user)
        except HicoopError as exc:
            flash(request, exc)
            errors = field_errors(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("policies:detail", policy.pk)
    context = {
        "title": policy.title,
        "policy": policy,
        "action": action,
        "fields": forms.build((*attrs, *CHANGE_ATTRS), values, errors),
        "values": values,
        "errors": errors,
        "others": selectors.filtered(user=request.user, filters=selectors.PolicyFilters())
        .exclude(pk=policy.pk)
        .only("pk", "title"),
    }
    return render(request, "policies/change.html", context, status=400 if errors else 200)


def _apply_change(policy: Any, action: str, values: dict[str, Any], actor: Any) -> None:
    from hicoop.core.exceptions import ValidationFailed
    from hicoop.core.inputs import ParseError, as_date

    change = {k: values.get(k, "") for k in ("reason", "document", "document_url")}
    if action == "amend":
        version = {a.name: values.get(a.name, "") for a in VERSION_ATTRS}
        version_services.amend_policy(policy=policy, version=version, change=change, actor=actor)
        return
    try:
        on = as_date(values.get("on"))
    except ParseError as exc:
        raise ValidationFailed(details={"on": [str(exc)]}) from exc
    if action == "repeal":
        version_services.repeal_policy(policy=policy, on=on, change=change, actor=actor)
        return
    successor = (
        selectors.filtered(user=actor, filters=selectors.PolicyFilters())
        .filter(pk=int(values["successor"]) if str(values.get("successor", "")).isdigit() else 0)
        .first()
    )
    if successor is None:
        raise ValidationFailed(details={"successor": [_("Choose the policy that takes over.")]})
    version_services.supersede_policy(
        policy=policy, successor=successor, on=on, change=change, actor=actor
    )


@login_required
@require_POST
def policy_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    try:
        policy_services.publish_policy(policy=policy, actor=request.user)
    except HicoopError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Published."))
    return redirect("policies:detail", policy.pk)
