"""Pages of the talent app: list versions and entries, diff, impact preview, the checker and
the A/B/C estimate, pre-checks, and the permit registry (masked by role, reads audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core import audit
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.export import download
from hicoop.core.jobs import enqueue
from hicoop.core.models import Job
from hicoop.core.pages import error_text, or_404
from hicoop.core.paging import paginate
from hicoop.policies.choices import PolicyStatus
from hicoop.policies.models import Policy
from hicoop.talent import masking, occupations, selectors
from hicoop.talent.choices import Decision, PermitStatus, PositionKind, ReadChannel, Restriction
from hicoop.talent.jobs import IMPACT_PREVIEW
from hicoop.talent.models import ListEntry, ListVersion
from hicoop.talent.records import CHECK_ATTRS, ENTRY_ATTRS, PERMIT_ATTRS, POINT_ATTRS, VERSION_ATTRS
from hicoop.talent.roles import is_editor, is_talent_officer, member_party_ids
from hicoop.talent.services import checks, lists, permits
from hicoop.talent.transitions import LIST_WORKFLOW

PAGE_SIZE = 25


def _errors(exc: HicoopError) -> dict[str, list[str]]:
    details = exc.details if isinstance(exc.details, dict) else {}
    return {k: [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in details.items()}


def _data(request: HttpRequest, attrs: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for attr in attrs:
        if attr.type in ("list", "choices"):
            values = request.POST.getlist(attr.name)
            if attr.type == "list" and len(values) == 1:
                values = [line for line in values[0].splitlines() if line.strip()]
            data[attr.name] = values
        elif attr.type == "bool":
            data[attr.name] = attr.name in request.POST
        elif attr.name in request.POST:
            data[attr.name] = request.POST[attr.name]
    return data


def _common() -> dict[str, Any]:
    return {
        "position_kinds": PositionKind.choices,
        "restrictions": Restriction.choices,
        "occupations": occupations.choices(),
    }


def home(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    found = selectors.versions(user=request.user)
    if q:
        found = found.filter(Q(number__icontains=q) | Q(title__icontains=q))
    page, query = paginate(request, found, PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "q": q,
        "in_force": selectors.in_force(timezone.localdate()),
        "can_edit": is_editor(request.user),
    }
    return render(request, "talent/versions.html", context)


@login_required
def version_create(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied()
    base = selectors.in_force(timezone.localdate())
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            copy = base if request.POST.get("copy") else None
            version = lists.create_version(
                data=_data(request, VERSION_ATTRS), actor=request.user, copy_from=copy
            )
        except HicoopError as exc:
            errors = _errors(exc)
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Draft version created."))
            return redirect("talent:version", version.pk)
    return render(
        request, "talent/version_form.html", {"errors": errors, "base": base, "form": request.POST}
    )


def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    editor = is_editor(request.user)
    context = {
        "version": version,
        "entries": selectors.entries(version),
        "previous": selectors.previous_version(user=request.user, version=version),
        "can_edit": editor and version.status == "draft",
        "actions": [a for a in LIST_WORKFLOW.actions_from(version.status) if a.by != "system"]
        if editor
        else [],
        "editor": editor,
        "policies": Policy.objects.visible_to(request.user)
        .filter(status=PolicyStatus.ACTIVE)
        .only("pk", "title")
        .order_by("title", "pk")[:300]
        if editor and version.status == "draft"
        else [],
        **_common(),
    }
    return render(request, "talent/version.html", context)


@login_required
@require_POST
def version_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    try:
        lists.take_action(
            version=version,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, LIST_WORKFLOW.status_label(version.status))
    return redirect("talent:version", version.pk)


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    try:
        lists.add_entry(version=version, data=_data(request, ENTRY_ATTRS), actor=request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Entry added."))
    return redirect("talent:version", version.pk)


@login_required
@require_POST
def entry_change(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    found = ListEntry.objects.filter(version=version, pk=entry).first()
    if found is None:
        messages.error(request, _("This entry no longer exists."))
        return redirect("talent:version", version.pk)
    try:
        if request.POST.get("remove"):
            lists.remove_entry(entry=found, actor=request.user)
            messages.success(request, _("Entry removed."))
        else:
            lists.change_entry(entry=found, data=_data(request, ENTRY_ATTRS), actor=request.user)
            messages.success(request, _("Entry saved."))
    except HicoopError as exc:
        messages.error(request, error_text(exc))
    return redirect("talent:version", version.pk)


def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    other_pk = request.GET.get("against", "")
    other = None
    if other_pk.isdigit() and len(other_pk) < 12:
        other = ListVersion.objects.visible_to(request.user).filter(pk=int(other_pk)).first()
    other = other or selectors.previous_version(user=request.user, version=version)
    kinds = dict(PositionKind.choices)
    changes = [
        {
            "kind": c.kind,
            "industry": c.key[0],
            "occupation": occupations.label(c.key[1]),
            "position_kind": kinds.get(c.key[2], ""),
            "old": c.old,
            "new": c.new,
        }
        for c in selectors.diff(other, version)
    ]
    return render(
        request,
        "talent/diff.html",
        {
            "version": version,
            "other": other,
            "changes": changes,
            "versions": ListVersion.objects.visible_to(request.user).exclude(pk=version.pk),
        },
    )


def _latest_impact(version: ListVersion) -> Job | None:
    return (
        Job.objects.filter(
            kind=IMPACT_PREVIEW,
            target_type=ContentType.objects.get_for_model(ListVersion),
            target_id=version.pk,
        )
        .order_by("-pk")
        .first()
    )


@login_required
def impact(request: HttpRequest, pk: int) -> HttpResponse:
    version = or_404(selectors.version_detail, user=request.user, pk=pk)
    if not is_editor(request.user):
        raise PermissionDenied()
    if request.method == "POST":
        started = enqueue(
            kind=IMPACT_PREVIEW, params={"version": version.pk}, actor=request.user, target=version
        )
        return redirect("core:job", started.pk)
    job = _latest_impact(version)
    result = job.result if job else None
    labels = dict(Decision.choices)
    for row in (result or {}).get("permits", []):
        row["from_label"], row["to_label"] = labels.get(row["from"]), labels.get(row["to"])
    context = {"version": version, "job": job, "result": result}
    return render(request, "talent/impact.html", context)


def _own_uscc(user: Any) -> str:
    """A member's own organisation's code, offered as the default employer of a pre-check."""
    from hicoop.parties.models import Party

    ids = member_party_ids(user) if getattr(user, "is_authenticated", False) else ()
    found = Party.objects.filter(pk__in=ids).exclude(credit_code="").order_by("pk").first()
    return found.credit_code if found else ""


def check(request: HttpRequest) -> HttpResponse:
    result = None
    errors: dict[str, list[str]] = {}
    estimate = None
    if request.method == "POST" and request.user.is_authenticated:
        try:
            result = checks.check(data=_data(request, CHECK_ATTRS), actor=request.user)
            if result.precheck:
                messages.success(request, _("Pre-check stored for your organisation."))
        except HicoopError as exc:
            errors = _errors(exc)
            messages.error(request, error_text(exc))
        if request.POST.get("points"):
            try:
                data = {
                    a.name: v
                    for a in POINT_ATTRS
                    if (v := _data(request, [a]).get(a.name)) not in (None, "", [])
                }
                estimate = checks.estimate(data=data)
            except HicoopError as exc:
                errors.update(_errors(exc))
                messages.error(request, error_text(exc))
    context = {
        "result": result,
        "estimate": estimate,
        "errors": errors,
        "form": request.POST,
        "decisions": dict(Decision.choices),
        "today": timezone.localdate().isoformat(),
        "own_uscc": _own_uscc(request.user),
        **_common(),
    }
    return render(request, "talent/check.html", context)


@login_required
def prechecks(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:100]
    page, query = paginate(request, selectors.prechecks(user=request.user, q=q), PAGE_SIZE)
    context = {
        "page": page,
        "query": query,
        "q": q,
        "counts": selectors.precheck_counts(user=request.user),
    }
    return render(request, "talent/prechecks.html", context)


def _permit_filters(request: HttpRequest) -> selectors.PermitFilters:
    g = request.GET
    status = g.get("status", "")
    return selectors.PermitFilters(
        q=g.get("q", "")[:100],
        employer_uscc=g.get("uscc", "")[:18],
        industry=g.get("industry", "")[:8],
        status=status if status in PermitStatus.values else "",
    )


@login_required
def permit_list(request: HttpRequest) -> HttpResponse:
    filters = _permit_filters(request)
    page, query = paginate(
        request, selectors.permits(user=request.user, filters=filters), PAGE_SIZE
    )
    rows = masking.present(
        page.object_list, user=request.user, channel=ReadChannel.PAGE, purpose=_("permit list")
    )
    context = {
        "page": page,
        "query": query,
        "rows": rows,
        "filters": filters,
        "statuses": PermitStatus.choices,
        "can_edit": is_editor(request.user),
        "can_export": is_talent_officer(request.user),
    }
    return render(request, "talent/permits.html", context)


@login_required
def permit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permit = or_404(selectors.permit_detail, user=request.user, pk=pk)
    purpose = request.GET.get("purpose", "")[:200] or _("permit detail")
    row = masking.present([permit], user=request.user, channel=ReadChannel.PAGE, purpose=purpose)[0]
    officer = is_talent_officer(request.user)
    context = {
        "permit": permit,
        "row": row,
        "reads": permit.reads.all()[:20] if officer else [],
        "history": audit.history_for(permit)[:20] if officer else [],
    }
    return render(request, "talent/permit.html", context)


@login_required
def permit_create(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            permit = permits.create_permit(data=_data(request, PERMIT_ATTRS), actor=request.user)
        except HicoopError as exc:
            errors = _errors(exc)
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Permit registered."))
            return redirect("talent:permit", permit.pk)
    return render(
        request,
        "talent/permit_form.html",
        {"errors": errors, "form": request.POST, "attrs": PERMIT_ATTRS, **_common()},
    )


@login_required
def permit_import(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied()
    if request.GET.get("template"):
        response = HttpResponse(
            permits.template(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="work-permits-template.xlsx"'
        return response
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None or not (upload.name or "").lower().endswith(".xlsx"):
                raise ValidationFailed(details={"file": [_("Choose an .xlsx file.")]})
            if (upload.size or 0) > 10 * 1024 * 1024:
                raise ValidationFailed(details={"file": [_("The file is larger than 10 MB.")]})
            created = permits.import_permits(
                rows=permits.rows_from_xlsx(upload.read()), actor=request.user
            )
        except HicoopError as exc:
            details = exc.details if isinstance(exc.details, dict) else {}
            problems = details.get("rows", [])
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("%(n)d permits imported.") % {"n": len(created)})
            return redirect("talent:permits")
    columns = [(a.zh, a.en, a.required) for a in PERMIT_ATTRS]
    return render(request, "talent/permit_import.html", {"problems": problems, "columns": columns})


@login_required
def permit_export(request: HttpRequest) -> HttpResponse:
    try:
        permits.require_personal_export(request.user)
    except HicoopError as exc:
        messages.error(request, error_text(exc))
        return redirect("talent:permits")
    found = selectors.permits(user=request.user, filters=_permit_filters(request))
    rows = masking.present(
        found, user=request.user, channel=ReadChannel.EXPORT, purpose=_("personal-data export")
    )
    columns, table = permits.export_table(rows)
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    return download(fmt, columns, table, "work-permits")
