"""Minutes and decisions of a meeting, carrying them out, and follow-up actions."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.access import is_office
from hicoop.core.pages import or_404
from hicoop.core.paging import paginate
from hicoop.meetings import selectors, services
from hicoop.meetings.choices import ActionStatus, DecisionKind
from hicoop.meetings.models import Decision, FollowUp
from hicoop.meetings.views.common import act, attempt, meeting_or_404, posted, today

DECISION_FIELDS = ("kind", "title", "text", "item", "task")


def _payload(raw: str) -> object:
    """The decision's changes as typed in the form (JSON); bad JSON is a clear field error."""
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        return "invalid"


@login_required
def decision_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    problem = ""
    if request.method == "POST":
        values = request.POST.dict()
        data: dict[str, object] = posted(request, *DECISION_FIELDS)
        data["payload"] = _payload(request.POST.get("payload", ""))
        saved, errors, problem = attempt(
            lambda: services.record_decision(meeting=meeting, data=data, actor=request.user)
        )
        if saved is not None:
            return redirect("meetings:decision", pk=saved.pk)
    return render(
        request,
        "meetings/decisions.html",
        {
            "meeting": meeting,
            "decisions": selectors.decisions_of(user=request.user, meeting=meeting),
            "office": is_office(request.user),
            "kinds": DecisionKind.choices,
            "values": values,
            "errors": errors,
            "problem": problem,
        },
    )


def payload_rows(decision: Decision) -> list[tuple[str, str]]:
    """What a decision changes, as labelled rows (never field names)."""
    from hicoop.cooperation.versions import LABELS

    payload = decision.payload if isinstance(decision.payload, dict) else {}
    rows = [
        (str(LABELS.get(key, _("other content"))), _plain(value))
        for key, value in (payload.get("changes") or {}).items()
    ]
    item = payload.get("item") or {}
    if isinstance(item, dict) and item.get("title"):
        rows.append((_("new item"), str(item["title"])))
    task = payload.get("task") or {}
    if isinstance(task, dict):
        rows += [(_("new deadline"), str(task["deadline"]))] if task.get("deadline") else []
        rows += [(_("new title"), str(task["title"]))] if task.get("title") else []
    return rows


def _plain(value: object) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = or_404(selectors.decision_detail, user=request.user, pk=pk)
    return render(
        request,
        "meetings/decision.html",
        {
            "decision": decision,
            "office": is_office(request.user),
            "payload": payload_rows(decision),
        },
    )


@login_required
@require_POST
def execute(request: HttpRequest, pk: int) -> HttpResponse:
    decision = or_404(selectors.decision_detail, user=request.user, pk=pk)
    call = lambda: services.execute_decision(decision=decision, actor=request.user, on=today())  # noqa: E731
    return act(
        request,
        call,
        _("%(ref)s carried out.") % {"ref": decision.reference},
        reverse("meetings:decision", args=[pk]),
    )


@login_required
@require_POST
def add_action(request: HttpRequest, pk: int) -> HttpResponse:
    decision = or_404(selectors.decision_detail, user=request.user, pk=pk)
    data = posted(request, "title", "owner", "party", "due_on")

    def call() -> object:
        return services.add_action(
            meeting=decision.meeting, decision=decision, data=data, actor=request.user
        )

    return act(request, call, _("Follow-up action added."), reverse("meetings:decision", args=[pk]))


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    office = is_office(request.user)
    mine = request.GET.get("mine", "" if office else "1") == "1"
    status = request.GET.get("status", ActionStatus.OPEN)
    found = selectors.actions_for(
        user=request.user, mine=mine, status=status if status in ActionStatus.values else ""
    )
    page, query = paginate(request, found.order_by("status", "due_on", "pk"), 30)
    editable = set(
        FollowUp.objects.editable_by(request.user)
        .filter(pk__in=[a.pk for a in page.object_list])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "meetings/actions.html",
        {
            "page": page,
            "query": query,
            "mine": mine,
            "editable": editable,
            "status": status,
            "office": office,
            "today": today(),
        },
    )


@login_required
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    found = FollowUp.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404()

    def call() -> object:
        return services.complete_action(
            action=found, actor=request.user, note=request.POST.get("note", "")
        )

    return act(request, call, _("Action done."), reverse("meetings:actions"))
