"""What credit supervision puts in an officer's workspace and the joint office's inbox:
objections to review (by their deadline) and repair applications to decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.core.workspace import Todo
from hicoop.credit import roles
from hicoop.credit.choices import OPEN_OBJECTION, RepairStatus
from hicoop.credit.models import Objection, RepairApplication


def todos(user: Any, on: dt.date) -> list[Todo]:
    if not getattr(user, "is_authenticated", False) or not roles.is_officer(user):
        return []
    objections = Objection.objects.filter(status__in=OPEN_OBJECTION).select_related(
        "event__subject", "event__kind"
    )
    found = [
        Todo(
            title=_("Objection by %(name)s") % {"name": o.event.subject.name},
            url=reverse("credit:detail", args=[o.event.subject_id]) + f"#event-{o.event_id}",
            kind=_("Objection to review"),
            due=o.review_deadline,
            overdue=o.review_deadline < on,
            detail=o.event.kind.display_name,
        )
        for o in objections.order_by("review_deadline")[:50]
    ]
    repairs = RepairApplication.objects.filter(status=RepairStatus.SUBMITTED).select_related(
        "event__subject", "event__kind"
    )
    found += [
        Todo(
            title=_("Repair application by %(name)s") % {"name": r.event.subject.name},
            url=reverse("credit:detail", args=[r.event.subject_id]) + f"#event-{r.event_id}",
            kind=_("Repair application to decide"),
            detail=r.event.kind.display_name,
        )
        for r in repairs.order_by("created_at")[:50]
    ]
    return found
