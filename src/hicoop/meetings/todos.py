"""What the meetings domain puts in a user's workspace and the joint office's inbox, and its
panel on the cooperation item page ("adjusted by 2026年推进会决定第3项")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.core.workspace import Todo
from hicoop.meetings import selectors
from hicoop.meetings.models import Decision


def todos(user: Any, on: dt.date) -> list[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    waiting = selectors.waiting_for(user=user, on=on)
    found = [
        Todo(
            title=a.title,
            url=reverse("meetings:actions") + f"#action-{a.pk}",
            kind=_("Follow-up action"),
            due=a.due_on,
            overdue=a.due_on < on,
            detail=a.decision.reference if a.decision else a.meeting.short_label,
        )
        for a in waiting.actions
    ]
    found += [
        Todo(
            title=_("%(name)s asks to meet you") % {"name": r.requester.name},
            url=reverse("meetings:sessions", args=[r.meeting_id]),
            kind=_("1:1 request to answer"),
            detail=r.meeting.title,
        )
        for r in waiting.requests
    ]
    found += [
        Todo(
            title=d.meeting.title,
            url=reverse("meetings:detail", args=[d.meeting_id]),
            kind=_("Invitation to answer"),
            due=d.meeting.starts_on,
        )
        for d in waiting.invitations
    ]
    return found


def item_panel(item: Any, user: Any) -> dict[str, Any] | None:
    """Decisions that adjusted, created or act on this item, with the versions they made."""
    decisions = list(
        Decision.objects.visible_to(user)
        .filter(Q(item=item) | Q(result_item=item))
        .select_related("meeting", "result_version")
        .order_by("meeting__starts_on", "number", "pk")
    )
    return {"decisions": decisions} if decisions else None
