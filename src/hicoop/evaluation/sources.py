"""Where computed indicators come from: a registry of code → function over platform data.

A source takes a locality (a partner region, Hainan city or park) and a year and returns a
:class:`Measured` value with the records behind it, so a score can be drilled down to them.
A locality's records are those of every party in its subtree. Later apps (transfer) add their
sources with :func:`register`; the transfer sources read ``hicoop.transfer.indicators``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.cooperation.choices import ItemStatus, PlatformStatus, TaskStatus
from hicoop.cooperation.models import CooperationItem, KeyTask, Milestone, Pairing, ProgressReport
from hicoop.listings.models import Demand
from hicoop.parties.models import Party
from hicoop.transfer.indicators import transfer_indicators

MAX_RECORDS = 50  # records kept per value for the drill-down


@dataclass(frozen=True)
class Measured:
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    detail: str = ""
    records: list[dict[str, str]] = field(default_factory=list)


Source = Callable[[Party, int], Measured]
SOURCES: dict[str, Source] = {}


def register(code: str) -> Callable[[Source], Source]:
    def wrap(func: Source) -> Source:
        SOURCES[code] = func
        return func

    return wrap


def _ratio(num: int, den: int, records: list[dict[str, str]]) -> Measured:
    """A share (the indicator's factor, e.g. 100 for a percentage, is applied by the caller)."""
    if den == 0:
        return Measured(None, Decimal(num), Decimal(den), f"{num}/{den}", records[:MAX_RECORDS])
    value = Decimal(num) / Decimal(den)
    return Measured(value, Decimal(num), Decimal(den), f"{num}/{den}", records[:MAX_RECORDS])


def _subtree(locality: Party) -> QuerySet[Party]:
    return Party.objects.filter(path__startswith=locality.path).values("pk")  # type: ignore[return-value]


def _items(locality: Party, year: int) -> QuerySet[CooperationItem]:
    live = [ItemStatus.AGREED, ItemStatus.IN_PROGRESS, ItemStatus.COMPLETED]
    return (
        CooperationItem.objects.filter(
            sides__party__in=_subtree(locality), year__lte=year, status__in=live
        )
        .distinct()
        .order_by("number", "pk")
    )


def _item_record(item: CooperationItem) -> dict[str, str]:
    return {
        "label": f"{item.number} {item.title}",
        "url": reverse("cooperation:item", args=[item.pk]),
    }


def _end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@register("items_completed")
def items_completed(locality: Party, year: int) -> Measured:
    items = list(_items(locality, year))
    done = [i for i in items if i.status == ItemStatus.COMPLETED]
    return _ratio(len(done), len(items), [_item_record(i) for i in done])


@register("items_progress")
def items_progress(locality: Party, year: int) -> Measured:
    items = list(_items(locality, year))
    if not items:
        return Measured(None, detail="0")
    total = sum((Decimal(str(i.weight)) for i in items), Decimal(0))
    value = sum((Decimal(str(i.weight)) * Decimal(str(i.progress)) for i in items), Decimal(0))
    share = value / total
    records = [_item_record(i) for i in items][:MAX_RECORDS]
    return Measured(share, value, total, f"{len(items)}", records)


@register("milestones_on_time")
def milestones_on_time(locality: Party, year: int) -> Measured:
    due = Milestone.objects.filter(
        item__in=_items(locality, year).values("pk"), due_on__year=year
    ).select_related("item")
    on_time = [m for m in due if m.done_on is not None and m.done_on <= m.due_on]
    records = [
        _item_record(m.item) | {"label": f"{m.item.number} {m.title}"} for m in on_time if m.item
    ]
    return _ratio(len(on_time), len(due), records)


def _expected_reports(every: int, start: dt.date, year: int) -> int:
    begin = max(start, dt.date(year, 1, 1))
    days = (_end(year) - begin).days + 1
    return max(0, math.floor(days / max(every, 1)))


@register("reports_on_time")
def reports_on_time(locality: Party, year: int) -> Measured:
    expected = delivered = 0
    records: list[dict[str, str]] = []
    for item in _items(locality, year).filter(
        status__in=[ItemStatus.AGREED, ItemStatus.IN_PROGRESS]
    ):
        start = dt.date(item.year, 1, 1)
        want = _expected_reports(item.report_every_days, start, year)
        got = ProgressReport.objects.filter(item=item, as_of__year=year).count()
        expected += want
        delivered += min(got, want)
        if got:
            records.append(_item_record(item))
    return _ratio(delivered, expected, records)


@register("key_tasks_progress")
def key_tasks_progress(locality: Party, year: int) -> Measured:
    tasks = list(
        KeyTask.objects.filter(
            Q(supporting_units__in=_subtree(locality)) | Q(department__in=_subtree(locality))
        )
        .distinct()
        .order_by("number")
    )
    if not tasks:
        return Measured(None, detail="0")
    done = sum(1 for t in tasks if t.status == TaskStatus.COMPLETED)
    progress = sum((Decimal(str(t.progress)) for t in tasks), Decimal(0))
    records = [
        {"label": f"{t.number}. {t.title}", "url": reverse("cooperation:task", args=[t.pk])}
        for t in tasks
    ]
    detail = f"{done}/{len(tasks)}"
    return Measured(progress / len(tasks), progress, Decimal(len(tasks)), detail, records)


@register("pairing_platforms")
def pairing_platforms(locality: Party, year: int) -> Measured:
    sub = _subtree(locality)
    pairings = Pairing.objects.filter(Q(hainan_parks__in=sub) | Q(helpers__in=sub)).distinct()
    records: list[dict[str, str]] = []
    count = 0
    for pairing in pairings.prefetch_related("platforms"):
        operating = [p for p in pairing.platforms.all() if p.status == PlatformStatus.OPERATING]
        count += len(operating)
        if operating:
            records.append(
                {"label": pairing.title, "url": reverse("cooperation:pairing", args=[pairing.pk])}
            )
    return Measured(Decimal(count), Decimal(count), None, str(count), records)


def _demand_record(demand: Demand) -> dict[str, str]:
    return {"label": demand.title, "url": reverse("listings:detail", args=["demands", demand.pk])}


@register("demands_answered")
def demands_answered(locality: Party, year: int) -> Measured:
    demands = list(
        Demand.objects.filter(owner__in=_subtree(locality), created_at__year__lte=year).order_by(
            "pk"
        )
    )
    answered = [d for d in demands if _answered(d)]
    return _ratio(len(answered), len(demands), [_demand_record(d) for d in answered])


def _answered(demand: Demand) -> bool:
    return demand.items.exists() or demand.interests.exists()  # type: ignore[attr-defined]


def measure(codes: Iterable[str], locality: Party, year: int) -> dict[str, Measured]:
    """Values of the computed indicators ``codes`` that have a source (others are skipped)."""
    return {c: SOURCES[c](locality, year) for c in codes if c in SOURCES}


def _transfer_record() -> list[dict[str, str]]:
    return [{"label": _("Technology transfer contracts"), "url": reverse("transfer:list")}]


@register("transfer_contracts")
def transfer_contracts(locality: Party, year: int) -> Measured:
    """Technology-transfer contracts signed in the year with a side in the locality."""
    found = transfer_indicators(year=year, locality=locality)
    count = Decimal(found.contracts)
    detail = f"{found.contracts} ({found.registered} / {found.completed})"
    return Measured(count, None, None, detail, _transfer_record() if found.contracts else [])


@register("transfer_amount")
def transfer_amount(locality: Party, year: int) -> Measured:
    """Their contract amount in 万元."""
    found = transfer_indicators(year=year, locality=locality)
    detail = f"{found.amount} 万元"
    return Measured(found.amount, None, None, detail, _transfer_record() if found.contracts else [])
