"""Meeting list, form and page: delegates with RSVP, topics, documents and minutes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hicoop.core.access import is_office
from hicoop.core.export import Column, download
from hicoop.core.paging import paginate
from hicoop.meetings import selectors, services
from hicoop.meetings.choices import MeetingKind
from hicoop.meetings.models import Delegate, Topic
from hicoop.meetings.transitions import MEETING_WORKFLOW, TOPIC_WORKFLOW
from hicoop.meetings.views.common import act, attempt, meeting_or_404, posted, today

COLUMNS = (
    Column("会议名称", "title"),
    Column("会议类型", "kind of meeting"),
    Column("年度", "year"),
    Column("开始日期", "starts on"),
    Column("地点", "venue"),
)
FIELDS = ("kind", "year", "title", "starts_on", "ends_on", "venue", "description", "topic_deadline")


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    found = selectors.meeting_list(
        user=request.user,
        q=request.GET.get("q", "").strip()[:100],
        kind=request.GET.get("kind", ""),
        year=int(year) if year.isdigit() else None,
        sort=request.GET.get("sort", ""),
    )
    if request.GET.get("export") in {"xlsx", "csv"}:
        rows = [
            (m.title, m.get_kind_display(), m.year, m.starts_on.isoformat(), m.venue) for m in found
        ]
        return download(request.GET["export"], COLUMNS, rows, "meetings")
    page, query = paginate(request, found, 20)
    return render(
        request,
        "meetings/list.html",
        {
            "page": page,
            "query": query,
            "kinds": MeetingKind.choices,
            "office": is_office(request.user),
        },
    )


@login_required
def meeting_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meeting = meeting_or_404(request, pk) if pk else None
    values = (
        {n: getattr(meeting, n, "") for n in FIELDS}
        if meeting
        else {**dict.fromkeys(FIELDS, ""), "kind": MeetingKind.PROMOTION, "year": today().year}
    )
    errors: dict[str, list[str]] = {}
    problem = ""
    if request.method == "POST":
        data = posted(request, *FIELDS)
        data["organisers"] = request.POST.getlist("organisers")
        values = {**dict.fromkeys(FIELDS, ""), **values, **request.POST.dict()}
        if meeting is None:
            saved, errors, problem = attempt(
                lambda: services.create_meeting(data=data, actor=request.user)
            )
        else:
            saved, errors, problem = attempt(
                lambda: services.update_meeting(meeting=meeting, data=data, actor=request.user)
            )
        if saved is not None:
            return redirect("meetings:detail", pk=saved.pk)
    return render(
        request,
        "meetings/form.html",
        {
            "meeting": meeting,
            "values": values,
            "errors": errors,
            "problem": problem,
            "kinds": MeetingKind.choices,
        },
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    office = is_office(request.user)
    mine = {d.pk for d in selectors.my_delegates(user=request.user, meeting=meeting)}
    topics = list(selectors.topics_of(user=request.user, meeting=meeting))
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "office": office,
            "mine": mine,
            "delegates": selectors.delegates_of(user=request.user, meeting=meeting),
            "topics": topics,
            "live_topics": [t for t in topics if t.status in ("proposed", "accepted")],
            "actions": MEETING_WORKFLOW.actions_from(meeting.status) if office else [],
            "topic_actions": TOPIC_WORKFLOW.actions_from("proposed"),
            "proposer_parties": _proposer_parties(request),
            "today": today(),
        },
    )


def _proposer_parties(request: HttpRequest) -> list[object]:
    from hicoop.parties.models import Party

    return list(Party.objects.editable_by(request.user).order_by("path")[:200])


@login_required
@require_POST
def meeting_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = meeting_or_404(request, pk)

    def call() -> object:
        return services.transition_meeting(
            meeting=meeting,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )

    return act(request, call, _("Saved."), reverse("meetings:detail", args=[pk]))


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    data = posted(request, "party", "name", "position", "user", "cap")
    data["matchmaking"] = bool(request.POST.get("matchmaking"))
    override = request.POST.get("override_reason", "")

    def call() -> object:
        return services.invite_delegate(
            meeting=meeting, data=data, actor=request.user, override_reason=override
        )

    return act(
        request, call, _("Delegate invited."), reverse("meetings:detail", args=[pk]) + "#delegates"
    )


@login_required
@require_POST
def rsvp(request: HttpRequest, pk: int, delegate: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = Delegate.objects.visible_to(request.user).filter(meeting=meeting, pk=delegate).first()
    attend = request.POST.get("attend") == "yes"

    def call() -> object:
        return services.answer_invitation(
            delegate=_or_404(found), attend=attend, actor=request.user
        )

    return act(
        request, call, _("Answer saved."), reverse("meetings:detail", args=[pk]) + "#delegates"
    )


def _or_404(found: object) -> object:
    from django.http import Http404

    if found is None:
        raise Http404()
    return found


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    data = posted(request, "party", "title", "description")

    def call() -> object:
        return services.propose_topic(meeting=meeting, data=data, actor=request.user, on=today())

    return act(
        request, call, _("Topic proposed."), reverse("meetings:detail", args=[pk]) + "#topics"
    )


@login_required
@require_POST
def decide_topic(request: HttpRequest, pk: int, topic: int, action: str) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    found = _or_404(
        Topic.objects.visible_to(request.user).filter(meeting=meeting, pk=topic).first()
    )
    into_id = request.POST.get("into", "")
    into = (
        Topic.objects.filter(meeting=meeting, pk=int(into_id)).first()
        if into_id.isdigit()
        else None
    )

    def call() -> object:
        return services.decide_topic(
            topic=found,
            action=action,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            into=into,
        )  # type: ignore[arg-type]

    return act(
        request, call, _("Topic decided."), reverse("meetings:detail", args=[pk]) + "#topics"
    )


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    upload_file = request.FILES.get("file")
    call = lambda: services.add_document(meeting=meeting, upload=upload_file, actor=request.user)  # noqa: E731
    return act(
        request, call, _("Document added."), reverse("meetings:detail", args=[pk]) + "#documents"
    )


@login_required
@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)

    def call() -> object:
        return services.record_minutes(
            meeting=meeting, text=request.POST.get("minutes", ""), actor=request.user
        )

    return act(request, call, _("Minutes saved."), reverse("meetings:decisions", args=[pk]))
