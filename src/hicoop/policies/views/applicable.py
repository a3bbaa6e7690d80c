""" "What applies to me": by a typed profile or by the user's own organisation; saved profiles;
and adding or removing a citation from a demand's or cooperation item's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.parties.models import Party
from hicoop.policies import explain, forms, selectors
from hicoop.policies.models import Citation, Policy
from hicoop.policies.records import PROFILE_ATTRS
from hicoop.policies.roles import member_party_ids
from hicoop.policies.services import citations as citation_services
from hicoop.policies.services import profiles as profile_services
from hicoop.policies.views.common import date_param, field_errors, flash


def _my_parties(user: Any) -> list[Party]:
    return list(Party.objects.filter(pk__in=member_party_ids(user)).order_by("path"))


def _params(request: HttpRequest) -> dict[str, Any]:
    values = forms.read(PROFILE_ATTRS, request.GET)
    return {k: v for k, v in values.items() if v not in ("", [], None)}


def applicable(request: HttpRequest) -> HttpResponse:
    on = date_param(request, "on") or timezone.localdate()
    mine = _my_parties(request.user) if request.user.is_authenticated else []
    params = _params(request)
    saved = (
        list(selectors.saved_profiles(user=request.user)) if request.user.is_authenticated else []
    )
    chosen = next((s for s in saved if str(s.pk) == request.GET.get("saved")), None)
    if chosen is not None:
        params = dict(chosen.params)
    results, errors, asked = None, {}, False
    try:
        if request.GET.get("party") and request.user.is_authenticated:
            party = next((p for p in mine if str(p.pk) == request.GET["party"]), None)
            if party is None:
                raise Http404()
            profile, asked = selectors.profile_for_party(party), True
        elif params or "ask" in request.GET:
            profile, asked = selectors.profile_from_params(params), True
        if asked:
            results = selectors.applicable(user=request.user, profile=profile, on=on)
            names = explain.Names(r.verdict for r in results)
            for item in results:
                item.reasons = explain.sentences(item.verdict, names)
    except ValidationFailed as exc:
        flash(request, exc)
        errors = field_errors(exc)
    context = {
        "fields": forms.build(PROFILE_ATTRS, params, errors),
        "results": results,
        "on": on,
        "mine": mine,
        "saved": saved,
        "query": request.GET.urlencode(),
    }
    return render(request, "policies/applicable.html", context)


@login_required
@require_POST
def profile_save(request: HttpRequest) -> HttpResponse:
    params = forms.read(PROFILE_ATTRS, request.POST)
    party = next(
        (p for p in _my_parties(request.user) if str(p.pk) == request.POST.get("party")), None
    )
    try:
        if party is None:
            raise ValidationFailed(details={"party": [_("Choose your organisation.")]})
        saved = profile_services.save_profile(
            party=party, name=request.POST.get("name", ""), params=params, actor=request.user
        )
    except HicoopError as exc:
        flash(request, exc)
        return redirect("policies:applicable")
    messages.success(request, _("Profile saved."))
    return redirect(f"{_url('policies:applicable')}?saved={saved.pk}")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("policies:list")


@login_required
@require_POST
def cite(request: HttpRequest) -> HttpResponse:
    """Add a citation from a record's page (the panel's form)."""
    try:
        content_type = ContentType.objects.get_for_id(int(request.POST.get("content_type", "0")))
        record = content_type.get_object_for_this_type(pk=int(request.POST.get("object_id", "0")))
    except (ValueError, ObjectDoesNotExist) as exc:  # a bad reference is simply not found
        raise Http404() from exc
    raw = request.POST.get("policy", "")
    policy = (
        Policy.objects.visible_to(request.user).filter(pk=int(raw)).first()
        if raw.isdigit()
        else None
    )
    try:
        if policy is None:
            raise ValidationFailed(details={"policy": [_("Choose a policy.")]})
        citation_services.cite(
            record=record,
            policy=policy,
            clause=request.POST.get("clause", "")[:80],
            note=request.POST.get("note", ""),
            actor=request.user,
        )
    except HicoopError as exc:
        flash(request, exc)
    else:
        messages.success(request, _("Citation added."))
    return _back(request)


@login_required
@require_POST
def uncite(request: HttpRequest, pk: int) -> HttpResponse:
    citation = Citation.objects.editable_by(request.user).filter(pk=pk).first()
    if citation is None:
        raise Http404()
    try:
        citation_services.remove_citation(citation=citation, actor=request.user)
    except HicoopError as exc:
        flash(request, exc)
    return _back(request)
