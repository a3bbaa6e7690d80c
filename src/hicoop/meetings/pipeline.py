"""The agenda sources this app knows: what lags in cooperation, what the pairings achieved,
what is new since the last meeting, and the accepted topics (registered in ``apps.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.cooperation import selectors as cooperation
from hicoop.cooperation.choices import ItemStatus, TaskStatus
from hicoop.cooperation.models import CooperationItem, KeyTask, PairingResult
from hicoop.listings.choices import CooperationMode
from hicoop.meetings.agenda_sources import AgendaSource, Context, Entry, register_agenda_source
from hicoop.meetings.choices import TopicStatus
from hicoop.meetings.models import Topic

LAG = 0.10  # progress this far below plan puts an item on the agenda
RUNNING = (ItemStatus.AGREED, ItemStatus.IN_PROGRESS)
AGREED_SINCE = (
    ItemStatus.AGREED,
    ItemStatus.IN_PROGRESS,
    ItemStatus.COMPLETED,
    ItemStatus.SUSPENDED,
)


def planned_share(milestones: Iterable[object], on: dt.date) -> float:
    """Share of milestone weight due by ``on``: where progress should be."""
    rows = [(float(m.weight), m.due_on <= on) for m in milestones]  # type: ignore[attr-defined]
    total = sum(w for w, _due in rows)
    return sum(w for w, due in rows if due) / total if total else 0.0


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _item_entry(item: CooperationItem, on: dt.date) -> Entry | None:
    milestones = list(item.milestones.all())
    planned = planned_share(milestones, on)
    overdue = [m for m in milestones if m.is_overdue(on)]
    if item.progress + LAG >= planned and not overdue:
        return None
    facts = [
        _("progress %(now)s against %(plan)s planned")
        % {"now": _percent(item.progress), "plan": _percent(planned)}
    ]
    facts += [
        _("milestone “%(title)s” was due %(day)s") % {"title": m.title, "day": m.due_on.isoformat()}
        for m in overdue
    ]
    return Entry(
        f"item:{item.pk}",
        f"{item.number} {item.title}",
        "；".join(facts),
        reverse("cooperation:item", args=[item.pk]),
    )


def lagging_items(context: Context) -> list[Entry]:
    items = cooperation.item_list(user=context.user, filters=cooperation.ItemFilters(sort="number"))
    items = items.filter(status__in=RUNNING).prefetch_related("milestones")
    return [e for e in (_item_entry(i, context.on) for i in items) if e is not None]


def _task_entry(task: KeyTask, on: dt.date) -> Entry | None:
    milestones = list(task.milestones.all())
    overdue = [m for m in milestones if m.is_overdue(on)]
    facts = []
    if task.is_overdue(on):
        facts.append(
            _("deadline %(day)s has passed")
            % {"day": task.deadline.isoformat() if task.deadline else ""}
        )
    if task.status == TaskStatus.SUSPENDED:
        facts.append(_("suspended"))
    if task.progress + LAG < planned_share(milestones, on):
        facts.append(_("progress %(now)s below plan") % {"now": _percent(task.progress)})
    facts += [
        _("milestone “%(title)s” was due %(day)s") % {"title": m.title, "day": m.due_on.isoformat()}
        for m in overdue
    ]
    if not facts:
        return None
    return Entry(
        f"task:{task.pk}", str(task), "；".join(facts), reverse("cooperation:task", args=[task.pk])
    )


def tasks_off_track(context: Context) -> list[Entry]:
    tasks = (
        cooperation.task_list(user=context.user)
        .exclude(status=TaskStatus.COMPLETED)
        .prefetch_related("milestones")
    )
    return [e for e in (_task_entry(t, context.on) for t in tasks) if e is not None]


def pairing_results(context: Context) -> list[Entry]:
    found = []
    for pairing in cooperation.pairing_list(user=context.user):
        results = list(
            PairingResult.objects.filter(pairing=pairing, achieved_on__gte=context.since).order_by(
                "achieved_on", "pk"
            )
        )
        if results:
            body = "；".join(f"{r.achieved_on.isoformat()} {r.title}" for r in results)
            found.append(
                Entry(
                    f"pairing:{pairing.pk}",
                    pairing.display_title,
                    body,
                    reverse("cooperation:pairing", args=[pairing.pk]),
                )
            )
    return found


def _new_items(context: Context, coalitions: bool) -> list[Entry]:
    items = cooperation.item_list(user=context.user, filters=cooperation.ItemFilters(sort="number"))
    # Entered since the last meeting and starting in its year or later (items loaded late from
    # earlier years are not new).
    items = items.filter(
        status__in=AGREED_SINCE, created_at__date__gte=context.since, year__gte=context.since.year
    )
    mode = items.filter(mode=CooperationMode.MANY_TO_ONE)
    chosen = mode if coalitions else items.exclude(mode=CooperationMode.MANY_TO_ONE)
    return [
        Entry(
            f"item:{i.pk}",
            f"{i.number} {i.title}",
            "、".join(p.display_name for p in [*i.hainan_parties, *i.partner_parties]),
            reverse("cooperation:item", args=[i.pk]),
        )
        for i in chosen
    ]


def accepted_topics(context: Context) -> list[Entry]:
    topics = Topic.objects.filter(
        meeting=context.meeting, status=TopicStatus.ACCEPTED
    ).select_related("party")
    return [
        Entry(f"topic:{t.pk}", t.title, f"{t.party.display_name}：{t.description}".strip("："))
        for t in topics.order_by("pk")
    ]


def register() -> None:
    for source in (
        AgendaSource(
            "lagging_items",
            gettext_lazy("Items behind plan or with overdue milestones"),
            10,
            lagging_items,
        ),
        AgendaSource("key_tasks", gettext_lazy("Key tasks not on track"), 20, tasks_off_track),
        AgendaSource("pairings", gettext_lazy("Results of the park pairings"), 30, pairing_results),
        AgendaSource(
            "coalitions",
            gettext_lazy("New coalitions since the last meeting"),
            40,
            lambda c: _new_items(c, True),
        ),
        AgendaSource(
            "new_items",
            gettext_lazy("Items agreed since the last meeting"),
            50,
            lambda c: _new_items(c, False),
        ),
        AgendaSource("topics", gettext_lazy("Accepted topics"), 60, accepted_topics),
    ):
        register_agenda_source(source)
