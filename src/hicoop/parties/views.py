"""Party pages: list (search, filters, pagination, export), detail, create, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.exceptions import HicoopError, NotFound, ValidationFailed
from hicoop.core.export import download
from hicoop.core.paging import paginate
from hicoop.parties import export, selectors, services
from hicoop.parties.forms import DeleteForm, PartyFilterForm, PartyForm
from hicoop.parties.models import Party

PAGE_SIZE = 25


def party_list(request: HttpRequest) -> HttpResponse:
    filter_form = PartyFilterForm(request.GET or None, user=request.user)
    parties = selectors.party_list(user=request.user, filters=filter_form.filters())
    fmt = request.GET.get("export")
    if fmt in {"xlsx", "csv"}:
        return download(fmt, export.COLUMNS, export.rows(parties), "parties")
    page, query = paginate(request, parties, PAGE_SIZE)
    return render(
        request,
        "parties/list.html",
        {
            "form": filter_form,
            "page": page,
            "query": query,
            "can_create": request.user.is_authenticated
            and selectors.parent_choices(user=request.user).exists(),
        },
    )


def _visible_or_404(request: HttpRequest, pk: int) -> Party:
    try:
        return selectors.party_detail(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = _visible_or_404(request, pk)
    editable = selectors.can_edit(user=request.user, party=party)
    show_private = request.user.is_authenticated
    return render(
        request,
        "parties/detail.html",
        {
            "party": party,
            "ancestors": party.ancestors(),
            "children": selectors.party_children(user=request.user, party=party),
            "members": party.memberships.select_related("user") if editable else None,
            "history": audit.history_for(party)[:50] if show_private else None,
            "can_edit": editable,
            "show_private": show_private,
        },
    )


@login_required
def party_create(request: HttpRequest) -> HttpResponse:
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else None
    form = PartyForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            party = services.create_party(
                data=services.PartyData(**form.values()), actor=request.user
            )
        except ValidationFailed as exc:
            form.add_service_errors(exc.details)
        except HicoopError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The party was created."))
            return redirect("parties:detail", pk=party.pk)
    return render(request, "parties/form.html", {"form": form, "party": None}, status=_status(form))


@login_required
def party_edit(request: HttpRequest, pk: int) -> HttpResponse:
    party = _visible_or_404(request, pk)
    if not selectors.can_edit(user=request.user, party=party):
        return _outside_scope(request)
    form = PartyForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        party=party,
        initial=PartyForm.initial_for(party),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_party(party=party, changes=form.values(), actor=request.user)
        except ValidationFailed as exc:
            form.add_service_errors(exc.details)
        except HicoopError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("parties:detail", pk=party.pk)
        party.refresh_from_db()
    return render(
        request, "parties/form.html", {"form": form, "party": party}, status=_status(form)
    )


@login_required
def party_delete(request: HttpRequest, pk: int) -> HttpResponse:
    party = _visible_or_404(request, pk)
    if not selectors.can_edit(user=request.user, party=party):
        return _outside_scope(request)
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_party(
                party=party, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except HicoopError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The party was deleted."))
            return redirect("parties:list")
    return render(
        request, "parties/confirm_delete.html", {"form": form, "party": party}, status=_status(form)
    )


def _outside_scope(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Not allowed"), "message": _("This party is outside your scope.")},
        status=403,
    )


def _status(form: PartyForm | DeleteForm) -> int:
    return 400 if form.is_bound and form.errors else 200
