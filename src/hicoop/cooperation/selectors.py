"""Reads of cooperation items, key tasks and pairings, the dashboard and the joint-office inbox.

Every selector starts from ``visible_to(user)``; roll-ups use the stored progress of each item
(refreshed by the services) and the pure weighted mean of ``engine.progress``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch, Q, QuerySet

from hicoop.cooperation.choices import ItemStatus, Side, TaskStatus
from hicoop.cooperation.models import (
    CooperationItem,
    ItemParty,
    ItemVersion,
    KeyTask,
    Milestone,
    Pairing,
    ProgressReport,
)
from hicoop.core import readable, scope
from hicoop.core.exceptions import NotFound
from hicoop.core.models import Attachment, WorkflowEvent
from hicoop.core.workflow import events_of
from hicoop.engine.progress import rollup
from hicoop.parties.models import Party
from hicoop.taxonomy.models import pick_language

ITEM_SORTS = {
    "-updated": ("-updated_at", "-pk"),
    "number": ("number", "pk"),
    "-number": ("-number", "-pk"),
    "title": ("title", "pk"),
    "progress": ("progress", "pk"),
    "-progress": ("-progress", "-pk"),
    "year": ("year", "pk"),
    "-year": ("-year", "-pk"),
}

# Items that count in roll-ups: everything agreed to and not terminated.
COUNTED = (ItemStatus.AGREED, ItemStatus.IN_PROGRESS, ItemStatus.COMPLETED, ItemStatus.SUSPENDED)


@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    status: str = ""
    measure: int | None = None
    field: str = ""
    region: int | None = None
    year: int | None = None
    mode: str = ""
    origin: str = ""
    pairing: int | None = None
    sort: str = ""


def _items(user: Any) -> QuerySet[CooperationItem]:
    sides = ItemParty.objects.select_related("party").order_by("side", "party__name", "pk")
    return (
        CooperationItem.objects.visible_to(user)
        .select_related("measure", "pairing")
        .prefetch_related(Prefetch("sides", queryset=sides), "fields")
    )


def item_list(*, user: Any, filters: ItemFilters) -> QuerySet[CooperationItem]:
    qs = _items(user)
    f = filters
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(goals__icontains=f.q) | Q(number__icontains=f.q))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.measure:
        qs = qs.filter(measure__number=f.measure)
    if f.field:
        qs = qs.filter(pk__in=CooperationItem.objects.filter(fields__code=f.field).values("pk"))
    if f.region:
        region = Party.objects.filter(pk=f.region).first()
        path = region.path if region else "\0"
        qs = qs.filter(pk__in=ItemParty.objects.filter(party__path__startswith=path).values("item"))
    if f.year:
        qs = qs.filter(year=f.year)
    if f.mode:
        qs = qs.filter(mode=f.mode)
    if f.origin:
        qs = qs.filter(origin=f.origin)
    if f.pairing:
        qs = qs.filter(pairing_id=f.pairing)
    return qs.order_by(*ITEM_SORTS.get(f.sort, ITEM_SORTS["-updated"]))


def item_detail(*, user: Any, pk: int) -> CooperationItem:
    item = _items(user).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    return item


def task_list(*, user: Any, mine: bool = False, status: str = "", q: str = "") -> QuerySet[KeyTask]:
    qs = (
        KeyTask.objects.visible_to(user)
        .select_related("department")
        .prefetch_related("supporting_units")
    )
    if mine:
        qs = qs.filter(pk__in=KeyTask.objects.editable_by(user).values("pk"))
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(title_en__icontains=q) | Q(description__icontains=q)
        )
    return qs.order_by("number", "pk")


def task_detail(*, user: Any, pk: int) -> KeyTask:
    task = task_list(user=user).filter(pk=pk).first()
    if task is None:
        raise NotFound()
    return task


def pairing_list(*, user: Any) -> QuerySet[Pairing]:
    return (
        Pairing.objects.visible_to(user)
        .prefetch_related("hainan_parks", "helpers", "fields")
        .order_by("key", "pk")
    )


def pairing_detail(*, user: Any, pk: int) -> Pairing:
    pairing = pairing_list(user=user).filter(pk=pk).first()
    if pairing is None:
        raise NotFound()
    return pairing


def pairing_progress(pairing: Pairing) -> float:
    items = pairing.items.filter(status__in=COUNTED)
    return rollup((float(i.weight), i.progress) for i in items)


def events_for(record: Any) -> QuerySet[WorkflowEvent]:
    """Status history of an item or a key task, newest first (the kit's event rows)."""
    return events_of(record)


def reports_for(record: Any) -> list[ProgressReport]:
    key = "item" if isinstance(record, CooperationItem) else "task"
    reports = list(ProgressReport.objects.filter(**{key: record}).select_related("reporter_party"))
    files = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(ProgressReport),
        object_id__in=[r.pk for r in reports],
    )
    by_report: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in files:
        by_report[attachment.object_id].append(attachment)
    for report in reports:
        report.files = by_report.get(report.pk, [])  # type: ignore[attr-defined]
    return reports


def report_attachment(*, user: Any, report_pk: int, pk: int) -> Attachment:
    """A report's file, for users who may see the item or task it belongs to."""
    report = ProgressReport.objects.filter(pk=report_pk).first()
    if report is None:
        raise NotFound()
    if report.item_id:
        visible = CooperationItem.objects.visible_to(user).filter(pk=report.item_id).exists()
    else:
        visible = KeyTask.objects.visible_to(user).filter(pk=report.task_id).exists()
    attachment = Attachment.objects.filter(
        pk=pk, object_id=report.pk, content_type=ContentType.objects.get_for_model(ProgressReport)
    ).first()
    if not visible or attachment is None:
        raise NotFound()
    return attachment


def versions_of(item: CooperationItem) -> QuerySet[ItemVersion]:
    return item.versions.order_by("-number")


def version_of(item: CooperationItem, number: int) -> ItemVersion:
    version = item.versions.filter(number=number).first()
    if version is None:
        raise NotFound()
    return version


# ---------------------------------------------------------------- dashboard


@dataclass
class Bucket:
    key: str
    label: str
    count: int = 0
    weight: float = 0.0
    weighted: float = 0.0

    @property
    def progress(self) -> float:
        return round(self.weighted / self.weight, 4) if self.weight else 0.0


@dataclass
class Dashboard:
    total: int
    overall: float
    by_status: list[Bucket]
    by_measure: list[Bucket]
    by_region: list[Bucket]
    by_field: list[Bucket]
    by_year: list[Bucket]
    overdue_milestones: list[Milestone]
    overdue_tasks: list[KeyTask]
    tasks: list[Bucket] = field(default_factory=list)


def _add(buckets: dict[str, Bucket], key: str, label: str, weight: float, progress: float) -> None:
    bucket = buckets.setdefault(key, Bucket(key, label))
    bucket.count += 1
    bucket.weight += weight
    bucket.weighted += weight * progress


def _regions_of(item: CooperationItem, roots: dict[str, Party]) -> list[Party]:
    """The top-level regions of the partner side (the Hainan side when there is no partner)."""
    sides = [s for s in item.sides.all() if s.side == Side.PARTNER] or list(item.sides.all())
    found: dict[int, Party] = {}
    for side in sides:
        root = roots.get(side.party.path.split("/")[1])
        if root is not None:
            found[root.pk] = root
    return list(found.values())


def dashboard(*, user: Any, on: dt.date, year: int | None = None, within: str = "") -> Dashboard:
    """Progress by status, measure, region, field and year, and what is overdue.

    ``within`` (a party's tree path) keeps the items with a side in that subtree and the tasks
    its units support (the reports app's per-region and per-park figures).
    """
    scoped = _items(user)
    if within:
        scoped = scoped.filter(
            pk__in=ItemParty.objects.filter(party__path__startswith=within).values("item")
        )
    items = list(scoped.filter(year=year) if year else scoped)
    tasks = task_list(user=user)
    if within:
        tasks = tasks.filter(
            Q(department__path__startswith=within) | Q(supporting_units__path__startswith=within)
        ).distinct()
    roots = {str(p.pk): p for p in Party.objects.filter(parent__isnull=True)}
    status_b: dict[str, Bucket] = {}
    measure_b: dict[str, Bucket] = {}
    region_b: dict[str, Bucket] = {}
    field_b: dict[str, Bucket] = {}
    year_b: dict[str, Bucket] = {}
    counted = []
    for item in items:
        _add(
            status_b,
            item.status,
            str(ItemStatus(item.status).label),
            float(item.weight),
            item.progress,
        )
        if item.status not in COUNTED:
            continue
        weight = float(item.weight)
        counted.append((weight, item.progress))
        _add(
            measure_b,
            str(item.measure.number),
            readable.measure_label(item.measure),
            weight,
            item.progress,
        )
        _add(year_b, str(item.year), str(item.year), weight, item.progress)
        for region in _regions_of(item, roots):
            _add(
                region_b,
                str(region.pk),
                pick_language(region.short_name or region.name, region.name_en),
                weight,
                item.progress,
            )
        for f in item.fields.all():
            _add(field_b, f.code, f.display_name, weight, item.progress)
    order = {s: n for n, s in enumerate(ItemStatus.values)}
    return Dashboard(
        total=len(items),
        overall=rollup(counted),
        by_status=sorted(status_b.values(), key=lambda b: order[b.key]),
        by_measure=sorted(measure_b.values(), key=lambda b: b.key),
        by_region=sorted(region_b.values(), key=lambda b: (-b.count, b.label)),
        by_field=sorted(field_b.values(), key=lambda b: (-b.count, b.key)),
        by_year=sorted(year_b.values(), key=lambda b: b.key),
        overdue_milestones=overdue_milestones(user=user, on=on)[:20],
        overdue_tasks=[t for t in tasks if t.is_overdue(on)],
        tasks=[Bucket(str(t.number), t.display_title, 1, 1.0, t.progress) for t in tasks],
    )


def overdue_milestones(*, user: Any, on: dt.date) -> list[Milestone]:
    open_items = CooperationItem.objects.visible_to(user).filter(
        status__in=(ItemStatus.AGREED, ItemStatus.IN_PROGRESS)
    )
    open_tasks = KeyTask.objects.visible_to(user).filter(
        status__in=(TaskStatus.PLANNED, TaskStatus.IN_PROGRESS)
    )
    return list(
        Milestone.objects.filter(done_on__isnull=True, due_on__lt=on)
        .filter(Q(item__in=open_items.values("pk")) | Q(task__in=open_tasks.values("pk")))
        .select_related("item", "task")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class MissingReport:
    record: Any
    last: dt.date | None
    due: dt.date


def _missing(
    records: Iterable[Any], last_by_pk: dict[int, dt.date], on: dt.date
) -> list[MissingReport]:
    found = []
    for record in records:
        last = last_by_pk.get(record.pk)
        since = last or (record.status_changed_at or record.created_at).date()
        due = since + dt.timedelta(days=record.report_every_days)
        if due < on:
            found.append(MissingReport(record, last, due))
    return sorted(found, key=lambda m: (m.due, m.record.pk))


def missing_reports(*, user: Any, on: dt.date) -> list[MissingReport]:
    """Running items and tasks whose last report (or start) is older than their report cycle."""
    items = CooperationItem.objects.visible_to(user).filter(status=ItemStatus.IN_PROGRESS)
    tasks = KeyTask.objects.visible_to(user).filter(status=TaskStatus.IN_PROGRESS)
    last_item: dict[int, dt.date] = dict(
        ProgressReport.objects.filter(item__in=items).values_list("item").annotate(m=Max("as_of"))
    )
    last_task: dict[int, dt.date] = dict(
        ProgressReport.objects.filter(task__in=tasks).values_list("task").annotate(m=Max("as_of"))
    )
    return _missing(items, last_item, on) + _missing(tasks, last_task, on)


def inbox(*, user: Any, on: dt.date) -> dict[str, Any]:
    """What needs the joint office's attention: overdue milestones and missing reports."""
    return {
        "overdue": overdue_milestones(user=user, on=on),
        "missing": missing_reports(user=user, on=on),
        "proposed": list(
            CooperationItem.objects.visible_to(user)
            .filter(status=ItemStatus.PROPOSED)
            .order_by("created_at", "pk")
        ),
    }


def can_edit(*, user: Any, record: Any) -> bool:
    return scope.can_edit(record, user)


def can_propose(*, user: Any) -> bool:
    """Whether the user may propose items: anyone with parties to edit (the joint office: all)."""
    return Party.objects.editable_by(user).exists()


def reports_due(*, user: Any | None, on: dt.date, within_days: int = 7) -> list[MissingReport]:
    """Running items and tasks whose next report is due within ``within_days`` or overdue
    (``user=None``: every record, for the scheduler's daily notices)."""
    items: QuerySet[CooperationItem] = (
        CooperationItem.objects.all() if user is None else CooperationItem.objects.visible_to(user)
    )
    tasks: QuerySet[KeyTask] = (
        KeyTask.objects.all() if user is None else KeyTask.objects.visible_to(user)
    )
    items = items.filter(status=ItemStatus.IN_PROGRESS)
    tasks = tasks.filter(status=TaskStatus.IN_PROGRESS)
    last_item: dict[int, dt.date] = dict(
        ProgressReport.objects.filter(item__in=items).values_list("item").annotate(m=Max("as_of"))
    )
    last_task: dict[int, dt.date] = dict(
        ProgressReport.objects.filter(task__in=tasks).values_list("task").annotate(m=Max("as_of"))
    )
    later = on + dt.timedelta(days=within_days + 1)
    return _missing(items, last_item, later) + _missing(tasks, last_task, later)


@dataclass(frozen=True)
class Outcome:
    kind: str
    label: str
    total: float
    unit: str


def outcome_totals(*, user: Any, year: int | None = None) -> list[Outcome]:
    """Reported indicator values summed by kind over the items the user sees (funds in 万元)."""
    from django.db.models import Sum

    from hicoop.cooperation.choices import DEFAULT_UNITS, IndicatorKind
    from hicoop.cooperation.models import Indicator

    items = CooperationItem.objects.visible_to(user)
    if year is not None:
        items = items.filter(year=year)
    rows = (
        Indicator.objects.filter(item__in=items.values("pk"))
        .exclude(kind=IndicatorKind.OTHER)
        .values("kind")
        .annotate(total=Sum("actual"))
    )
    totals = {r["kind"]: float(r["total"] or 0) for r in rows}
    return [
        Outcome(kind, str(label), totals.get(kind, 0.0), DEFAULT_UNITS.get(IndicatorKind(kind), ""))
        for kind, label in IndicatorKind.choices
        if kind != IndicatorKind.OTHER
    ]
