"""Pages for demands, capabilities and achievements; one set of views serves all three kinds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.accounts import roles
from hicoop.core import audit
from hicoop.core.exceptions import HicoopError, NotFound, ValidationFailed
from hicoop.core.export import download
from hicoop.core.pages import error_text
from hicoop.core.paging import paginate
from hicoop.listings import attachments, records, search, selectors, services, spreadsheets
from hicoop.listings.forms import FilterForm, ListingForm, ReasonForm, RenewForm, UploadForm
from hicoop.listings.transitions import OFFICE, TRANSITIONS, actions_from

PAGE_SIZE = 20


def _kind(plural: str) -> str:
    if plural not in records.PLURALS:
        raise Http404()
    return records.PLURALS[plural]


def _today() -> dt.date:
    return dt.date.today()


def listing_list(request: HttpRequest, plural: str) -> HttpResponse:
    kind = _kind(plural)
    form = FilterForm(request.GET or None, kind=kind)
    filters = form.filters()
    found = selectors.listing_search(kind=kind, user=request.user, filters=filters, on=_today())
    fmt = request.GET.get("export")
    if fmt in {"xlsx", "csv"}:
        return download(
            fmt,
            spreadsheets.export_columns(kind, user=request.user),
            spreadsheets.export_rows(kind, found, user=request.user),
            plural,
        )
    form.show_counts(
        selectors.facet_counts(kind=kind, user=request.user, filters=filters, on=_today())
    )
    page, query = paginate(request, found, PAGE_SIZE)
    terms = search.Query.parse(filters.q).terms if filters.q else ()
    for item in page.object_list:
        words = getattr(item, "matched", None) or terms
        item.title_html = search.highlight(item.title, words)
        item.body_html = search.highlight(item.body, words, limit=160)
    return render(
        request,
        "listings/list.html",
        {
            "kind": kind,
            "plural": plural,
            "form": form,
            "page": page,
            "query": query,
            "title": records.MODELS[kind]._meta.verbose_name_plural,
            "can_create": request.user.is_authenticated
            and selectors.owner_choices(user=request.user, kind=kind).exists(),
            "today": _today(),
        },
    )


def _visible(request: HttpRequest, kind: str, pk: int) -> Any:
    try:
        return selectors.listing_detail(kind=kind, user=request.user, pk=pk, on=_today())
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def _actions(request: HttpRequest, listing: Any, editable: bool) -> list[dict[str, Any]]:
    office = roles.is_joint_office_admin(request.user)
    out = []
    for action in actions_from(listing.status):
        transition = TRANSITIONS[action]
        if (transition.by == OFFICE and office) or (transition.by != OFFICE and editable):
            out.append({"action": action, "needs_reason": transition.needs_reason})
    return out


def listing_detail(request: HttpRequest, plural: str, pk: int) -> HttpResponse:
    kind = _kind(plural)
    listing = _visible(request, kind, pk)
    editable = selectors.can_edit(user=request.user, listing=listing)
    return render(
        request,
        "listings/detail.html",
        {
            "kind": kind,
            "plural": plural,
            "listing": listing,
            "can_edit": editable,
            "actions": _actions(request, listing, editable),
            "events": services.events_for(listing) if request.user.is_authenticated else None,
            "history": audit.history_for(listing)[:30] if editable else None,
            "expired": listing.is_expired(_today()),
            "renew_form": RenewForm(),
            "show_private": request.user.is_authenticated,
        },
    )


@login_required
def listing_create(request: HttpRequest, plural: str) -> HttpResponse:
    kind = _kind(plural)
    posted = request.method == "POST"
    form = ListingForm(request.POST if posted else None, kind=kind, user=request.user)
    if posted and form.is_valid():
        try:
            listing = services.create_listing(kind=kind, data=form.raw(), actor=request.user)
        except ValidationFailed as exc:
            form.add_service_errors(exc.details)
        except HicoopError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Saved as a draft. Submit it for review when ready."))
            return redirect("listings:detail", plural=plural, pk=listing.pk)
    return render(
        request,
        "listings/form.html",
        {"form": form, "plural": plural, "listing": None, "kind": kind},
        status=_status(form),
    )


@login_required
def listing_edit(request: HttpRequest, plural: str, pk: int) -> HttpResponse:
    kind = _kind(plural)
    listing = _visible(request, kind, pk)
    if not selectors.can_edit(user=request.user, listing=listing):
        return _forbidden(request)
    posted = request.method == "POST"
    form = ListingForm(
        request.POST if posted else None,
        kind=kind,
        user=request.user,
        initial=ListingForm.initial_for(listing),
    )
    if posted and form.is_valid():
        try:
            services.update_listing(
                listing=listing, data=form.raw(only_changed=True), actor=request.user
            )
        except ValidationFailed as exc:
            form.add_service_errors(exc.details)
        except HicoopError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("listings:detail", plural=plural, pk=listing.pk)
    return render(
        request,
        "listings/form.html",
        {"form": form, "plural": plural, "listing": listing, "kind": kind},
        status=_status(form),
    )


@login_required
@require_POST
def listing_transition(request: HttpRequest, plural: str, pk: int, action: str) -> HttpResponse:
    kind = _kind(plural)
    listing = _visible(request, kind, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.transition_listing(
            listing=listing, action=action, actor=request.user, reason=reason
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, _("Status changed to “%(status)s”.") % {"status": listing.get_status_display()}
        )
    return redirect("listings:detail", plural=plural, pk=pk)


@login_required
@require_POST
def listing_renew(request: HttpRequest, plural: str, pk: int) -> HttpResponse:
    kind = _kind(plural)
    listing = _visible(request, kind, pk)
    form = RenewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
        return redirect("listings:detail", plural=plural, pk=pk)
    try:
        services.renew_listing(
            listing=listing, ends_on=form.cleaned_data["ends_on"], actor=request.user, on=_today()
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Renewed until %(date)s.") % {"date": listing.ends_on})
    return redirect("listings:detail", plural=plural, pk=pk)


def listing_template(request: HttpRequest, plural: str) -> HttpResponse:
    kind = _kind(plural)
    response = HttpResponse(
        spreadsheets.template_bytes(kind),
        content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    response["Content-Disposition"] = f'attachment; filename="{plural}-template.xlsx"'
    return response


@login_required
def listing_import(request: HttpRequest, plural: str) -> HttpResponse:
    kind = _kind(plural)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    context: dict[str, Any] = {
        "form": form,
        "plural": plural,
        "kind": kind,
        "title": records.MODELS[kind]._meta.verbose_name_plural,
    }
    status = 200
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = spreadsheets.import_file(
                kind=kind, content=upload.read(), filename=upload.name, actor=request.user
            )
        except HicoopError as exc:
            context["error"] = str(exc.message)
            context["row_errors"] = (
                exc.details.get("rows", []) if isinstance(exc.details, dict) else []
            )
            status = 400
        else:
            context["result"] = result
    return render(request, "listings/import.html", context, status=status)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not roles.is_joint_office_admin(request.user):
        return _forbidden(request)
    queue = selectors.review_queue(user=request.user)
    groups = [
        (records.SINGULAR_TO_PLURAL[k], records.MODELS[k]._meta.verbose_name_plural, items)
        for k, items in queue.items()
    ]
    return render(request, "listings/review.html", {"groups": groups})


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Not allowed"), "message": _("This record is outside your scope.")},
        status=403,
    )


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
@require_POST
def attachment_upload(request: HttpRequest, plural: str, pk: int) -> HttpResponse:
    listing = _visible(request, _kind(plural), pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            attachments.add_attachment(listing=listing, upload=upload, actor=request.user)
        except HicoopError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The file was attached."))
    return redirect("listings:detail", plural=plural, pk=pk)


def attachment_download(request: HttpRequest, plural: str, pk: int, aid: int) -> HttpResponse:
    listing = _visible(request, _kind(plural), pk)
    attachment = attachments.attachments_of(listing).filter(pk=aid).first()
    if attachment is None:
        raise Http404()
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, plural: str, pk: int, aid: int) -> HttpResponse:
    listing = _visible(request, _kind(plural), pk)
    attachment = attachments.attachments_of(listing).filter(pk=aid).first()
    if attachment is None:
        raise Http404()
    try:
        attachments.remove_attachment(attachment=attachment, listing=listing, actor=request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The file was removed."))
    return redirect("listings:detail", plural=plural, pk=pk)
