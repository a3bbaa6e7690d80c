"""Pages of credit supervision: subjects (with screening at registration), a subject's score
explained event by event and its history, recording events with evidence, objections and
repair, and the public list of serious dishonesty cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.exceptions import HicoopError, NotFound, ValidationFailed
from hicoop.core.inputs import ParseError, as_date
from hicoop.core.pages import error_text
from hicoop.credit import roles, scoring, screening, selectors, services
from hicoop.credit.choices import Grade, SubjectKind
from hicoop.credit.models import CreditEvent, Objection, RepairApplication
from hicoop.engine.credit_scoring import GRADES


def _on(request: HttpRequest) -> dt.date:
    raw = request.GET.get("on", "")
    if not raw:
        return timezone.localdate()
    try:
        return as_date(raw) or timezone.localdate()
    except ParseError as exc:
        messages.error(request, str(exc))
        return timezone.localdate()


def _subject(request: HttpRequest, pk: int) -> Any:
    try:
        return selectors.subject(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(_("No such subject.")) from exc


def _details(exc: HicoopError) -> dict[str, list[str]]:
    details = exc.details if isinstance(exc.details, dict) else {}
    return {k: [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in details.items()}


@login_required
def subject_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    grade = request.GET.get("grade", "")
    found = selectors.subjects(user=request.user, q=q, kind=kind, grade=grade)
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "credit/list.html",
        {
            "page": page,
            "subjects": page.object_list,
            "q": q,
            "kind": kind,
            "grade": grade,
            "kinds": SubjectKind.choices,
            "grades": Grade.choices,
            "officer": roles.is_officer(request.user),
            "personal": selectors.sees_personal_data(request.user),
        },
    )


@login_required
def subject_create(request: HttpRequest) -> HttpResponse:
    """Registration with screening: near matches are shown before the officer confirms."""
    if not roles.is_officer(request.user):
        raise Http404(_("Only officers register subjects."))
    data = {
        k: request.POST.get(k, "").strip()
        for k in ("kind", "identifier", "name", "nationality", "birth_date", "employer")
    }
    errors: dict[str, list[str]] = {}
    near: list[Any] = []
    if request.method == "POST":
        birth = None
        try:
            birth = as_date(data["birth_date"]) if data["birth_date"] else None
        except ParseError:
            birth = None
        near = screening.screen(
            kind=data["kind"] or "worker",
            name=data["name"],
            identifier=data["identifier"],
            birth_date=birth,
        )
        if near and not request.POST.get("confirmed"):
            messages.warning(request, _("Near matches found: check them before registering."))
        else:
            try:
                created = services.register_subject(data=data, actor=request.user)
            except ValidationFailed as exc:
                errors = _details(exc)
            except HicoopError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("Subject registered."))
                return redirect("credit:detail", created.pk)
    return render(
        request,
        "credit/form.html",
        {"data": data, "errors": errors, "near": near, "kinds": SubjectKind.choices},
    )


@login_required
def subject_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _subject(request, pk)
    on = _on(request)
    result, lines = scoring.explain(subject, on)
    officer = roles.is_officer(request.user)
    kinds = services.kinds_in_effect(on, subject.kind) if officer else []
    events = list(subject.events.select_related("kind").prefetch_related("objections", "repairs"))
    return render(
        request,
        "credit/detail.html",
        {
            "subject": subject,
            "on": on,
            "result": result,
            "lines": lines,
            "history": scoring.history(subject, on),
            "changes": subject.grade_changes.all()[:50],
            "events": events,
            "kinds": kinds,
            "officer": officer,
            "may_act": services.may_act_for(subject, request.user),
            "personal": selectors.sees_personal_data(request.user),
            "masked_id": selectors.mask(subject.identifier),
            "grades": GRADES,
            "today": timezone.localdate().isoformat(),
        },
    )


def _back(subject_id: int) -> str:
    return reverse("credit:detail", args=[subject_id])


def _run(request: HttpRequest, call: Any, done: str, back: str) -> HttpResponse:
    try:
        call()
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def event_record(request: HttpRequest, pk: int) -> HttpResponse:
    subject = _subject(request, pk)

    def call() -> Any:
        try:
            occurred = as_date(request.POST.get("occurred_on", ""))
        except ParseError as exc:
            raise ValidationFailed(details={"occurred_on": [str(exc)]}) from exc
        if occurred is None:
            raise ValidationFailed(details={"occurred_on": [_("This field is required.")]})
        return services.record_event(
            subject=subject,
            kind_code=request.POST.get("kind", ""),
            occurred_on=occurred,
            description=request.POST.get("description", ""),
            authority=request.POST.get("authority", "")[:120],
            evidence=request.FILES.getlist("evidence"),
            actor=request.user,
        )

    return _run(request, call, _("Event recorded."), _back(pk))


def _event(request: HttpRequest, pk: int) -> CreditEvent:
    found = (
        CreditEvent.objects.visible_to(request.user).filter(pk=pk).select_related("subject", "kind")
    )
    event = found.first()
    if event is None:
        raise Http404(_("No such event."))
    return event


@login_required
@require_POST
def objection_submit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _run(
        request,
        lambda: services.submit_objection(
            event=event, reason=request.POST.get("reason", ""), actor=request.user
        ),
        _("Objection submitted."),
        _back(event.subject_id),
    )


@login_required
@require_POST
def objection_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    objection = Objection.objects.select_related("event").filter(pk=pk).first()
    if (
        objection is None
        or not CreditEvent.objects.visible_to(request.user).filter(pk=objection.event_id).exists()
    ):
        raise Http404(_("No such objection."))
    return _run(
        request,
        lambda: services.decide_objection(
            objection=objection,
            action=action,
            reason=request.POST.get("reason", ""),
            actor=request.user,
        ),
        _("Saved."),
        _back(objection.event.subject_id),
    )


@login_required
@require_POST
def repair_apply(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _run(
        request,
        lambda: services.apply_repair(
            event=event,
            corrective_action=request.POST.get("corrective_action", ""),
            evidence=request.FILES.getlist("evidence"),
            actor=request.user,
        ),
        _("Repair application submitted."),
        _back(event.subject_id),
    )


@login_required
@require_POST
def repair_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    repair = RepairApplication.objects.select_related("event").filter(pk=pk).first()
    if (
        repair is None
        or not CreditEvent.objects.visible_to(request.user).filter(pk=repair.event_id).exists()
    ):
        raise Http404(_("No such repair application."))
    return _run(
        request,
        lambda: services.decide_repair(
            repair=repair, action=action, reason=request.POST.get("reason", ""), actor=request.user
        ),
        _("Saved."),
        _back(repair.event.subject_id),
    )


def public_list(request: HttpRequest) -> HttpResponse:
    """严重失信名单: open to everyone, with the legal basis; nothing else is public."""
    on = timezone.localdate()
    cases = [(selectors.public_name(e.subject), e) for e in selectors.public_cases(on)]
    return render(request, "credit/public.html", {"cases": cases, "on": on})


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The event catalogue with every version, and the grade scales (effective-dated)."""
    from hicoop.credit.models import EventKind, GradeScale

    return render(
        request,
        "credit/catalogue.html",
        {
            "kinds": EventKind.objects.order_by("code", "-version"),
            "scales": GradeScale.objects.all(),
            "on": timezone.localdate(),
        },
    )
