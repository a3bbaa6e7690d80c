"""Pages for cooperation items, key tasks, park pairings, the dashboard and the inbox."""

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
from hicoop.accounts.choices import Role
from hicoop.cooperation import export, selectors, services, versions
from hicoop.cooperation.choices import Side
from hicoop.cooperation.forms import (
    ActivityForm,
    ItemFilterForm,
    ItemForm,
    PlatformForm,
    ReportForm,
    ResultForm,
    TaskFilterForm,
)
from hicoop.cooperation.models import KeyTask
from hicoop.cooperation.transitions import (
    AGREEING_SIDES,
    BOTH_SIDES,
    ITEM_TRANSITIONS,
    OFFICE,
    TASK_TRANSITIONS,
    actions_from,
)
from hicoop.core import audit
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.export import download
from hicoop.core.pages import error_text, or_404
from hicoop.core.paging import paginate

PAGE_SIZE = 20


def _today() -> dt.date:
    return dt.date.today()


def _actions(
    request: HttpRequest, table: Any, record: Any, editable: bool, agreeing: Any = ()
) -> list[Any]:
    """The steps this user may take; "agree" only while their side (or, for the joint office,
    some side) has not agreed yet."""
    office = roles.is_joint_office_admin(request.user)
    return [
        t
        for t in actions_from(table, record.status)
        if (t.by == OFFICE and office)
        or (t.by == BOTH_SIDES and bool(agreeing))
        or (t.by not in (OFFICE, BOTH_SIDES) and editable)
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    data = selectors.dashboard(
        user=request.user, on=_today(), year=int(year) if year.isdigit() else None
    )
    return render(
        request,
        "cooperation/dashboard.html",
        {
            "d": data,
            "year": year,
            "today": _today(),
            "outcomes": selectors.outcome_totals(
                user=request.user, year=int(year) if year.isdigit() else None
            ),
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    from hicoop.core.workspace import todos_for

    office = roles.is_joint_office_admin(request.user)
    waiting = [t for t in todos_for(request.user, _today()) if not t.overdue] if office else []
    return render(
        request,
        "cooperation/inbox.html",
        {
            "box": selectors.inbox(user=request.user, on=_today()),
            "today": _today(),
            "can_remind": office,
            "waiting": waiting,
        },
    )


@login_required
@require_POST
def report_remind(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The joint office reminds the units responsible for an overdue report (催报)."""
    from hicoop.cooperation.services.reminders import remind_report

    lookup = selectors.item_detail if kind == "item" else selectors.task_detail
    record = or_404(lookup, user=request.user, pk=pk)
    try:
        told = remind_report(
            record=record,
            actor=request.user,
            on=_today(),
            note=request.POST.get("note", ""),
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, _("Reminder sent to %(n)d people of the responsible units.") % {"n": told}
        )
    return redirect("cooperation:inbox")


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET or None)
    found = selectors.item_list(user=request.user, filters=form.filters())
    fmt = request.GET.get("export")
    if fmt in {"xlsx", "csv"}:
        return download(fmt, export.ITEM_COLUMNS, export.item_rows(found), "cooperation-items")
    page, query = paginate(request, found, PAGE_SIZE)
    can_create = selectors.can_propose(user=request.user)
    return render(
        request,
        "cooperation/item_list.html",
        {"form": form, "page": page, "query": query, "can_create": can_create},
    )


@login_required
def item_create(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ItemForm(request.POST if posted else None, user=request.user)
    if posted and form.is_valid():
        raw = form.raw()
        if form.is_valid():
            try:
                item = services.create_item(data=raw, actor=request.user, on=_today())
            except ValidationFailed as exc:
                form.add_service_errors(exc.details)
            except HicoopError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Item %(number)s proposed.") % {"number": item.number})
                return redirect("cooperation:item", pk=item.pk)
    return render(request, "cooperation/item_form.html", {"form": form, "adjusting": False})


def _agreement_rows(item: Any) -> list[tuple[str, Any]]:
    """Each side's label with its agreement (``None``: still waiting), shown while it matters."""
    given = services.agreements_of(item)
    if item.status != "proposed" and not given:
        return []
    return [(str(Side(side).label), given.get(side)) for side in AGREEING_SIDES]


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    editable = selectors.can_edit(user=request.user, record=item)
    agreeing = services.sides_to_agree(item, request.user)
    return render(
        request,
        "cooperation/item_detail.html",
        {
            "item": item,
            "can_edit": editable,
            "actions": _actions(request, ITEM_TRANSITIONS, item, editable, agreeing),
            "agreements": _agreement_rows(item),
            "agree_on_behalf": roles.is_joint_office_admin(request.user),
            "events": selectors.events_for(item),
            "reports": selectors.reports_for(item),
            "versions": selectors.versions_of(item),
            "history": audit.history_for(item)[:30],
            "report_form": ReportForm(record=item) if editable else None,
            "today": _today(),
        },
    )


@login_required
def item_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    if not selectors.can_edit(user=request.user, record=item):
        raise Http404()
    posted = request.method == "POST"
    form = ItemForm(request.POST if posted else None, user=request.user, item=item, adjusting=True)
    if posted and form.is_valid():
        raw = form.raw(item)
        if form.is_valid():
            try:
                version = services.adjust_item(
                    item=item,
                    data=raw,
                    actor=request.user,
                    year=form.cleaned_data["year"],
                    reason=form.cleaned_data["reason"],
                    decision_ref=form.cleaned_data.get("decision_ref", ""),
                )
            except ValidationFailed as exc:
                form.add_service_errors(exc.details)
            except HicoopError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Version %(n)s saved.") % {"n": version.number})
                return redirect("cooperation:item-versions", pk=item.pk)
    return render(
        request, "cooperation/item_form.html", {"form": form, "adjusting": True, "item": item}
    )


@login_required
@require_POST
def item_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    return _change_status(request, item, action, "cooperation:item")


def _change_status(request: HttpRequest, record: Any, action: str, page: str) -> HttpResponse:
    """Apply a lifecycle action to an item or a key task and go back to its page."""
    reason = request.POST.get("reason", "")
    try:
        if isinstance(record, KeyTask):
            services.transition_task(task=record, action=action, actor=request.user, reason=reason)
        else:
            services.transition_item(item=record, action=action, actor=request.user, reason=reason)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Status changed."))
    return redirect(page, pk=record.pk)


@login_required
@require_POST
def item_report(request: HttpRequest, pk: int) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    return _report(request, item, "cooperation:item")


def _report(request: HttpRequest, record: Any, page: str) -> HttpResponse:
    """Take a progress report on an item or a key task from the report form."""
    form = ReportForm(request.POST, request.FILES, record=record)
    if not form.is_valid():
        problems = [
            f"{form.fields[k].label if k in form.fields else k}: {'；'.join(v)}"
            for k, v in form.errors.items()
        ]
        messages.error(request, " ".join(problems))
        return redirect(page, pk=record.pk)
    d = form.cleaned_data
    common = {"actor": request.user, "on": _today(), "text": d["text"], "as_of": d["as_of"]}
    common.update(
        {"milestones_done": d["milestones_done"], "files": request.FILES.getlist("files")}
    )
    try:
        if isinstance(record, KeyTask):
            services.submit_task_report(task=record, **common)
        else:
            services.submit_item_report(item=record, values=form.values(), **common)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Progress report saved."))
    return redirect(page, pk=record.pk)


@login_required
def item_versions(request: HttpRequest, pk: int) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    all_versions = list(selectors.versions_of(item))
    current = all_versions[0]
    chosen = request.GET.get("a", "")
    base = (
        or_404(selectors.version_of, item=item, number=int(chosen))
        if chosen.isdigit()
        else (all_versions[1] if len(all_versions) > 1 else current)
    )
    return render(
        request,
        "cooperation/item_versions.html",
        {
            "item": item,
            "versions": all_versions,
            "base": base,
            "current": current,
            "differences": versions.compare(base.content, current.content),
            "office": roles.is_joint_office_admin(request.user),
        },
    )


@login_required
@require_POST
def version_decision(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    item = or_404(selectors.item_detail, user=request.user, pk=pk)
    version = or_404(selectors.version_of, item=item, number=number)
    try:
        services.attach_decision(
            version=version, decision_ref=request.POST.get("decision_ref", ""), actor=request.user
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("cooperation:item-versions", pk=item.pk)


@login_required
def report_file(request: HttpRequest, report: int, pk: int) -> FileResponse:
    attachment = or_404(selectors.report_attachment, user=request.user, report_pk=report, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    # A ministry-department officer starts from the tasks of their own department.
    officer = any(g.role == Role.MINISTRY_OFFICER for g in roles.grants_of(request.user))
    form = TaskFilterForm(request.GET or ({"mine": "on"} if officer else None))
    d = (
        form.cleaned_data
        if form.is_bound and form.is_valid()
        else {"q": "", "status": "", "mine": False}
    )
    found = selectors.task_list(user=request.user, mine=d["mine"], status=d["status"], q=d["q"])
    fmt = request.GET.get("export")
    if fmt in {"xlsx", "csv"}:
        return download(fmt, export.TASK_COLUMNS, export.task_rows(found), "key-tasks")
    return render(
        request, "cooperation/task_list.html", {"form": form, "tasks": found, "today": _today()}
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = or_404(selectors.task_detail, user=request.user, pk=pk)
    editable = selectors.can_edit(user=request.user, record=task)
    return render(
        request,
        "cooperation/task_detail.html",
        {
            "task": task,
            "can_edit": editable,
            "actions": _actions(request, TASK_TRANSITIONS, task, editable),
            "events": selectors.events_for(task),
            "reports": selectors.reports_for(task),
            "history": audit.history_for(task)[:30],
            "report_form": ReportForm(record=task) if editable else None,
            "today": _today(),
        },
    )


@login_required
@require_POST
def task_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = or_404(selectors.task_detail, user=request.user, pk=pk)
    return _change_status(request, task, action, "cooperation:task")


@login_required
@require_POST
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    task = or_404(selectors.task_detail, user=request.user, pk=pk)
    return _report(request, task, "cooperation:task")


@login_required
def pairing_list(request: HttpRequest) -> HttpResponse:
    found = list(selectors.pairing_list(user=request.user))
    fmt = request.GET.get("export")
    if fmt in {"xlsx", "csv"}:
        return download(fmt, export.PAIRING_COLUMNS, export.pairing_rows(found), "park-pairings")
    for pairing in found:
        pairing.progress = selectors.pairing_progress(pairing)  # type: ignore[attr-defined]
    return render(request, "cooperation/pairing_list.html", {"pairings": found})


PAIRING_FORMS = {
    "platform": (PlatformForm, services.add_platform),
    "activity": (ActivityForm, services.add_activity),
    "result": (ResultForm, services.add_result),
}


def _pairing_context(request: HttpRequest, pairing: Any, bound: dict[str, Any]) -> dict[str, Any]:
    return {
        "pairing": pairing,
        "progress": selectors.pairing_progress(pairing),
        "can_edit": selectors.can_edit(user=request.user, record=pairing),
        "items": selectors.item_list(
            user=request.user, filters=selectors.ItemFilters(pairing=pairing.pk)
        ),
        "talents": sum(a.talents for a in pairing.activities.all()),
        "forms": {name: bound.get(name) or cls() for name, (cls, _fn) in PAIRING_FORMS.items()},
        "history": audit.history_for(pairing)[:20],
    }


@login_required
def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = or_404(selectors.pairing_detail, user=request.user, pk=pk)
    bound: dict[str, Any] = {}
    what = request.POST.get("what", "")
    if request.method == "POST" and what in PAIRING_FORMS:
        form_class, service = PAIRING_FORMS[what]
        form = form_class(request.POST)
        bound[what] = form
        if form.is_valid():
            try:
                service(pairing=pairing, data=form.cleaned_data, actor=request.user)
            except HicoopError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("cooperation:pairing", pk=pairing.pk)
    return render(
        request, "cooperation/pairing_detail.html", _pairing_context(request, pairing, bound)
    )
