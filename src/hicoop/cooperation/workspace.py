"""What cooperation puts in a workspace: reports due or overdue, items to agree, and the
organisation's own items (the joint office: every overdue report, to remind)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation import selectors
from hicoop.cooperation.choices import ItemStatus, Side
from hicoop.cooperation.models import CooperationItem, KeyTask
from hicoop.cooperation.notices import DUE_SOON_DAYS, url_of
from hicoop.cooperation.services.agreement import sides_to_agree
from hicoop.core.workspace import Row, Section, Todo


def todos(user: Any, on: dt.date) -> Iterable[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    office = roles.is_joint_office_admin(user)
    found: list[Todo] = []
    for m in selectors.reports_due(user=user, on=on, within_days=DUE_SOON_DAYS):
        if (
            not office
            and not m.record.__class__.objects.editable_by(user).filter(pk=m.record.pk).exists()
        ):
            continue
        overdue = m.due < on
        if office and not overdue:
            continue
        found.append(
            Todo(
                title=m.record.title,
                url=reverse("cooperation:inbox") + "#missing" if office else url_of(m.record),
                kind=_("Progress report overdue") if overdue else _("Progress report due"),
                due=m.due,
                overdue=overdue,
            )
        )
    found += _items_to_agree(user)
    return found


def _items_to_agree(user: Any) -> list[Todo]:
    """Proposed items waiting for the user's side (the joint office: for any side)."""
    proposed = (
        CooperationItem.objects.editable_by(user)
        .filter(status=ItemStatus.PROPOSED)
        .prefetch_related("sides", "agreements")
        .order_by("created_at")
    )
    found: list[Todo] = []
    for item in proposed[:50]:
        waiting = sides_to_agree(item, user)
        if waiting and len(found) < 20:
            detail = "、".join(str(Side(s).label) for s in waiting)
            found.append(
                Todo(title=item.title, url=url_of(item), kind=_("Item to agree"), detail=detail)
            )
    return found


def own_items(user: Any, on: dt.date) -> Section | None:
    if not getattr(user, "is_authenticated", False) or roles.reads_everything(user):
        return None
    items = (
        CooperationItem.objects.visible_to(user)
        .exclude(status__in=[ItemStatus.TERMINATED])
        .order_by("-updated_at")[:10]
    )
    rows = [
        Row(
            title=f"{i.number} {i.title}",
            url=url_of(i),
            status=i.get_status_display(),
            detail=f"{round(float(i.progress) * 100)}%",
        )
        for i in items
    ]
    tasks = KeyTask.objects.visible_to(user).order_by("-updated_at")[:5]
    rows += [Row(title=t.title, url=url_of(t), status=t.get_status_display()) for t in tasks]
    return Section(
        key="own-items",
        title=_("Our cooperation items and key tasks"),
        rows=rows,
        more_url=reverse("cooperation:items"),
        empty=_("Nothing yet."),
    )
