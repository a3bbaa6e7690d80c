"""The agenda page: generate from the pipeline, edit, reorder, finalise, export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.access import is_office
from hicoop.core.exceptions import HicoopError
from hicoop.core.pages import error_text
from hicoop.meetings import documents, selectors, services
from hicoop.meetings.models import AgendaEntry
from hicoop.meetings.views.common import act, meeting_or_404, posted, today


@login_required
def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    agenda = selectors.agenda_of(user=request.user, meeting=meeting)
    return render(
        request,
        "meetings/agenda.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "sections": documents.sections(agenda) if agenda else [],
            "office": is_office(request.user),
        },
    )


@login_required
@require_POST
def agenda_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    back = reverse("meetings:agenda", args=[pk])
    if op == "generate":
        return act(
            request,
            lambda: services.generate_agenda(meeting=meeting, actor=request.user, on=today()),
            _("Agenda generated from the pipeline."),
            back,
        )
    if op == "add":
        data = posted(request, "title", "body")
        return act(
            request,
            lambda: services.add_entry(meeting=meeting, data=data, actor=request.user),
            _("Entry added."),
            back,
        )
    if op == "finalize":
        return act(
            request,
            lambda: services.finalize_agenda(meeting=meeting, actor=request.user),
            _("The agenda is final."),
            back,
        )
    raise Http404()


@login_required
@require_POST
def entry_op(request: HttpRequest, pk: int, entry: int, op: str) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = (
        AgendaEntry.objects.filter(agenda__meeting=meeting, pk=entry)
        .select_related("agenda")
        .first()
    )
    if found is None:
        raise Http404()
    back = reverse("meetings:agenda", args=[pk]) + f"#entry-{entry}"
    if op == "save":
        data = posted(request, "title", "body")
        return act(
            request,
            lambda: services.update_entry(entry=found, data=data, actor=request.user),
            _("Saved."),
            back,
        )
    if op in {"up", "down"}:
        return act(
            request,
            lambda: services.move_entry(entry=found, up=op == "up", actor=request.user),
            _("Moved."),
            back,
        )
    if op == "remove":
        return act(
            request,
            lambda: services.remove_entry(entry=found, actor=request.user),
            _("Entry removed."),
            back,
        )
    raise Http404()


@login_required
def agenda_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The final agenda as DOCX or PDF for the delegates."""
    meeting = meeting_or_404(request, pk)
    agenda = selectors.agenda_of(user=request.user, meeting=meeting)
    if agenda is None or not agenda.frozen or fmt not in {"docx", "pdf"}:
        raise Http404(_("Only the final agenda is exported."))
    try:
        body = documents.agenda_docx(agenda) if fmt == "docx" else documents.agenda_pdf(agenda)
    except HicoopError as exc:
        return HttpResponse(
            error_text(exc), status=exc.status, content_type="text/plain; charset=utf-8"
        )
    kind = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if fmt == "docx"
        else "application/pdf"
    )
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{meeting.year}-{meeting.pk}.{fmt}"'
    )
    return response
