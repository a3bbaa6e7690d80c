"""The 1:1 sessions page: slots, requests and answers, the schedule (run as a job), locks,
publishing, and each delegate's personal schedule (page, PDF, iCalendar)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.access import can_edit, is_office
from hicoop.core.exceptions import HicoopError
from hicoop.core.pages import error_text
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.meetings import documents, selectors, services
from hicoop.meetings.explain import explain
from hicoop.meetings.models import Delegate, Meeting, MeetingRequest, SessionMeeting
from hicoop.meetings.views.common import act, meeting_or_404, posted


def _run_view(meeting: Meeting) -> dict[str, Any] | None:
    run = selectors.last_run(meeting=meeting)
    if run is None:
        return None
    requests = {
        r.pk: r
        for r in MeetingRequest.objects.filter(
            pk__in=[u["request"] for u in run.unplaced]
        ).select_related("requester__party", "invitee__party")
    }
    names = {d.pk: str(d) for d in Delegate.objects.filter(meeting=meeting).select_related("party")}
    rows = [
        {
            "request": requests.get(u["request"]),
            "why": explain(u["code"], u.get("params", {}), names),
        }
        for u in run.unplaced
    ]
    return {"run": run, "unplaced": rows}


@login_required
def sessions_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    mine = list(selectors.my_delegates(user=request.user, meeting=meeting))
    chosen = _chosen(request, mine)
    q = request.GET.get("q", "").strip()[:100]
    context = {
        "meeting": meeting,
        "office": is_office(request.user),
        "mine": mine,
        "chosen": chosen,
        "q": q,
        "found": selectors.delegates_of(user=request.user, meeting=meeting, q=q)[:50] if q else [],
        "suggestions": selectors.suggestions(user=request.user, meeting=meeting, delegate=chosen)
        if chosen
        else [],
        "requests": selectors.requests_of(user=request.user, meeting=meeting).order_by(
            "status", "-created_at", "pk"
        )[:300],
        "my_ids": {d.pk for d in mine},
        "schedule": selectors.schedule_of(user=request.user, meeting=meeting)[:2000],
        "slots": list(meeting.slots.all()),
        "last": _run_view(meeting),
    }
    return render(request, "meetings/sessions.html", context)


def _chosen(request: HttpRequest, mine: list[Delegate]) -> Delegate | None:
    wanted = request.GET.get("as", "")
    return next((d for d in mine if str(d.pk) == wanted), mine[0] if mine else None)


@login_required
@require_POST
def add_slots(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    data = posted(request, "day", "start", "count", "minutes", "tables")
    return act(
        request,
        lambda: services.add_slots(meeting=meeting, data=data, actor=request.user),
        _("Slots added."),
        reverse("meetings:sessions", args=[pk]),
    )


@login_required
@require_POST
def new_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    requester = Delegate.objects.filter(
        meeting=meeting, pk=_int(request.POST.get("requester"))
    ).first()
    invitee = Delegate.objects.filter(meeting=meeting, pk=_int(request.POST.get("invitee"))).first()
    if requester is None or invitee is None:
        raise Http404()
    runs = MatchRun.objects.visible_to(request.user).values("pk")
    candidate = MatchCandidate.objects.filter(
        run__in=runs, pk=_int(request.POST.get("candidate"))
    ).first()
    interest = (
        Interest.objects.visible_to(request.user)
        .filter(pk=_int(request.POST.get("interest")))
        .first()
    )

    def call() -> object:
        return services.request_meeting(
            meeting=meeting,
            requester=requester,
            invitee=invitee,
            actor=request.user,
            message=request.POST.get("message", ""),
            candidate=candidate,
            interest=interest,
        )

    back = reverse("meetings:sessions", args=[pk]) + f"?as={requester.pk}"
    return act(request, call, _("Request sent to %(name)s.") % {"name": invitee.name}, back)


def _int(raw: Any) -> int:
    return int(raw) if str(raw or "").isdigit() else 0


@login_required
@require_POST
def request_op(request: HttpRequest, pk: int, req: int, op: str) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = selectors.requests_of(user=request.user, meeting=meeting).filter(pk=req).first()
    if found is None or op not in {"accept", "decline", "withdraw"}:
        raise Http404()
    back = reverse("meetings:sessions", args=[pk])
    if op == "withdraw":
        return act(
            request,
            lambda: services.withdraw_request(request=found, actor=request.user),
            _("Request withdrawn."),
            back,
        )
    reason = request.POST.get("reason", "")

    def call() -> object:
        return services.answer_request(
            request=found, accept=op == "accept", actor=request.user, reason=reason
        )

    return act(request, call, _("Answer saved."), back)


@login_required
@require_POST
def run_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    try:
        job = services.start_schedule(meeting=meeting, actor=request.user)
    except HicoopError as exc:
        from django.contrib import messages

        messages.error(request, error_text(exc))
        return redirect("meetings:sessions", pk=pk)
    return redirect("core:job", pk=job.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    return act(
        request,
        lambda: services.publish_schedule(meeting=meeting, actor=request.user),
        _("Schedule published."),
        reverse("meetings:sessions", args=[pk]),
    )


@login_required
@require_POST
def lock(request: HttpRequest, pk: int, placement: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = SessionMeeting.objects.filter(slot__meeting=meeting, pk=placement).first()
    if found is None:
        raise Http404()
    locked = request.POST.get("locked") == "1"
    call = lambda: services.lock_meeting(placement=found, locked=locked, actor=request.user)  # noqa: E731
    return act(request, call, _("Saved."), reverse("meetings:sessions", args=[pk]) + "#schedule")


@login_required
@require_POST
def availability(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = Delegate.objects.filter(meeting=meeting, pk=delegate).first()
    if found is None:
        raise Http404()
    away = [int(s) for s in request.POST.getlist("away") if s.isdigit()]

    def call() -> object:
        return services.set_availability(
            delegate=found, away=away, cap=request.POST.get("cap", ""), actor=request.user
        )

    return act(
        request, call, _("Availability saved."), reverse("meetings:schedule", args=[pk, delegate])
    )


@login_required
def my_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    own = selectors.own_delegate(user=request.user, meeting=meeting)
    if own is None:
        return redirect("meetings:sessions", pk=pk)
    return redirect("meetings:schedule", pk=pk, delegate=own.pk)


def _delegate(
    request: HttpRequest, pk: int, delegate: int
) -> tuple[Meeting, Delegate, list[SessionMeeting]]:
    meeting = meeting_or_404(request, pk)
    found = (
        Delegate.objects.filter(meeting=meeting, pk=delegate)
        .select_related("party", "meeting")
        .first()
    )
    if found is None:
        raise Http404()
    return meeting, found, selectors.delegate_schedule(user=request.user, delegate=found)


@login_required
def delegate_schedule(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    meeting, found, meetings = _delegate(request, pk, delegate)
    return render(
        request,
        "meetings/schedule.html",
        {
            "meeting": meeting,
            "delegate": found,
            "rows": documents.rows(found, meetings),
            "slots": list(meeting.slots.all()),
            "away": set(found.away.values_list("pk", flat=True)),
            "editable": can_edit(found, request.user),
        },
    )


@login_required
def schedule_file(request: HttpRequest, pk: int, delegate: int, fmt: str) -> HttpResponse:
    _meeting, found, meetings = _delegate(request, pk, delegate)
    if fmt == "ics":
        response = HttpResponse(
            documents.schedule_ics(found, meetings), content_type="text/calendar; charset=utf-8"
        )
    elif fmt == "pdf":
        try:
            response = HttpResponse(
                documents.schedule_pdf(found, meetings), content_type="application/pdf"
            )
        except HicoopError as exc:
            return HttpResponse(
                error_text(exc), status=exc.status, content_type="text/plain; charset=utf-8"
            )
    else:
        raise Http404()
    response["Content-Disposition"] = f'attachment; filename="schedule-{found.pk}.{fmt}"'
    return response
