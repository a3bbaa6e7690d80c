"""Reminders about progress reports: the joint office's 催报 and the daily due/overdue notices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation import notices
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.notifications import notify

NOTE_MAX = 500


@transaction.atomic
def remind_report(*, record: Any, actor: Any, on: dt.date, note: str = "") -> int:
    """The joint office reminds the units responsible for an overdue report (催报); returns how
    many people were told. The notification rows (with the acting user) are the record of it."""
    if not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office sends reminders."))
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed(details={"note": [_("At most %(n)d characters.") % {"n": NOTE_MAX}]})
    from hicoop.cooperation.selectors import reports_due

    due = {
        (type(m.record), m.record.pk): m.due for m in reports_due(user=actor, on=on, within_days=-1)
    }
    if (type(record), record.pk) not in due:
        raise Conflict(_("No progress report is overdue on this record."))
    rows = notify(
        recipients=notices.recipients_of(record),
        kind=notices.REPORT_REMINDER,
        params={"record": notices.title_of(record), "note": note},
        actor=actor,
        url=notices.url_of(record),
        target=record,
    )
    if not rows:
        raise Conflict(_("Nobody is registered for the responsible units yet."))
    return len(rows)


def send_report_notices(*, on: dt.date, actor: Any) -> int:
    """Daily: a notice to the responsible units for each report due within a week or overdue."""
    from hicoop.cooperation.selectors import reports_due

    sent = 0
    for missing in reports_due(user=None, on=on, within_days=notices.DUE_SOON_DAYS):
        with transaction.atomic():
            sent += notices.report_notice(missing.record, due=missing.due, on=on, actor=actor)
    return sent
