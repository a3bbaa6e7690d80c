"""Notifications of cooperation items and key tasks (issue 10): an item agreed, a version adjusted
by a meeting decision, a progress report due in a few days or overdue, and the joint office's
reminder (催报) to the units responsible for an overdue report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.cooperation.models import CooperationItem, KeyTask
from hicoop.core.notifications import NoticeKind, bilingual, notify

ITEM_AGREED = NoticeKind(
    "cooperation.item_agreed",
    _("Cooperation item agreed"),
    _("The cooperation item “%(record)s” was agreed."),
)
AWAITS_AGREEMENT = NoticeKind(
    "cooperation.item_awaits_agreement",
    _("Item awaits your agreement"),
    _("The other side agreed to the cooperation item “%(record)s”; it awaits your agreement."),
)
VERSION_ADJUSTED = NoticeKind(
    "cooperation.version_adjusted",
    _("Item adjusted by a decision"),
    _("“%(record)s” was adjusted to version %(version)s by the decision %(decision)s."),
)
REPORT_DUE = NoticeKind(
    "cooperation.report_due",
    _("Progress report due"),
    _("The progress report on “%(record)s” is due on %(due)s (in %(days)s days)."),
)
REPORT_OVERDUE = NoticeKind(
    "cooperation.report_overdue",
    _("Progress report overdue"),
    _("The progress report on “%(record)s” was due on %(due)s."),
)
REPORT_REMINDER = NoticeKind(
    "cooperation.report_reminder",
    _("Reminder from the joint office"),
    _("The joint office asks for the overdue progress report on “%(record)s”. %(note)s"),
)
KINDS = (
    ITEM_AGREED,
    AWAITS_AGREEMENT,
    VERSION_ADJUSTED,
    REPORT_DUE,
    REPORT_OVERDUE,
    REPORT_REMINDER,
)
DUE_SOON_DAYS = 7


def title_of(record: Any) -> Any:
    """A key task's title in both languages; an item's title as typed."""
    return bilingual(record.title, getattr(record, "title_en", ""))


def url_of(record: Any) -> str:
    if isinstance(record, KeyTask):
        return reverse("cooperation:task", args=[record.pk])
    return reverse("cooperation:item", args=[record.pk])


def responsible_parties(record: Any) -> list[Any]:
    """Who reports on a record: every party of an item; a key task's department and units."""
    if isinstance(record, CooperationItem):
        return [s.party for s in record.sides.select_related("party")]
    parties = list(record.supporting_units.all())
    if record.department_id:
        parties.append(record.department)
    return parties


def recipients_of(record: Any) -> Any:
    from hicoop.accounts.selectors import members_of

    return members_of(responsible_parties(record))


def status_changed(record: Any, event: Any) -> None:
    if isinstance(record, CooperationItem) and event.action == "agree":
        notify(
            recipients=recipients_of(record),
            kind=ITEM_AGREED,
            params={"record": record.title},
            actor=event.actor,
            url=url_of(record),
            target=record,
        )


def awaits_agreement(item: CooperationItem, waiting: list[str], actor: Any) -> None:
    """Tell the people of the sides still to agree that the other side agreed."""
    from hicoop.accounts.selectors import members_of

    notify(
        recipients=members_of([p for side in waiting for p in item.parties_on(side)]),
        kind=AWAITS_AGREEMENT,
        params={"record": item.title},
        actor=actor,
        url=url_of(item),
        target=item,
    )


def version_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw") or not instance.decision_ref or instance.number <= 1:
        return
    item = instance.item
    notify(
        recipients=recipients_of(item),
        kind=VERSION_ADJUSTED,
        params={
            "record": item.title,
            "version": instance.number,
            "decision": instance.decision_ref,
        },
        actor=instance.actor,
        url=reverse("cooperation:item-versions", args=[item.pk]),
        target=item,
    )


def report_notice(record: Any, *, due: dt.date, on: dt.date, actor: Any) -> int:
    """Tell the responsible units that a report is due soon or overdue, once per report cycle."""
    from django.contrib.contenttypes.models import ContentType

    from hicoop.core.models import Notification

    overdue = due < on
    kind = REPORT_OVERDUE if overdue else REPORT_DUE
    cycle_start = due - dt.timedelta(days=record.report_every_days)
    already = Notification.objects.filter(
        kind=kind.name,
        target_type=ContentType.objects.get_for_model(type(record)),
        target_id=record.pk,
        created_at__date__gte=cycle_start,
    ).exists()
    if already:
        return 0
    rows = notify(
        recipients=recipients_of(record),
        kind=kind,
        params={"record": title_of(record), "due": due.isoformat(), "days": (due - on).days},
        actor=actor,
        url=url_of(record),
        target=record,
    )
    return len(rows)
