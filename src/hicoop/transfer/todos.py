"""What the transfer domain puts in a user's workspace and the joint office's inbox: signed
contracts waiting for their registration (the office's step) and grants waiting for the
institution's approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.core.access import is_office
from hicoop.core.scope import can_edit
from hicoop.core.workspace import Todo
from hicoop.transfer.choices import GrantStatus, TransferStatus
from hicoop.transfer.models import Grant, Transfer

REGISTER_WITHIN_DAYS = 30  # a signed contract is registered within a month


def todos(user: Any, on: dt.date) -> list[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    found: list[Todo] = []
    if is_office(user):
        for t in Transfer.objects.filter(status=TransferStatus.SIGNED).order_by("signed_on", "pk")[
            :50
        ]:
            due = t.signed_on + dt.timedelta(days=REGISTER_WITHIN_DAYS) if t.signed_on else None
            found.append(
                Todo(
                    title=t.title,
                    url=reverse("transfer:detail", args=[t.pk]),
                    kind=_("Contract to register"),
                    due=due,
                    overdue=bool(due and due < on),
                    detail=f"{t.seller} → {t.buyer}",
                )
            )
    grants = Grant.objects.editable_by(user).filter(status=GrantStatus.PROPOSED)
    for g in grants.select_related("institution__party").order_by("created_at", "pk")[:50]:
        if is_office(user) or can_edit(g.institution, user):
            found.append(
                Todo(
                    title=g.achievement_title,
                    url=reverse("transfer:pilot"),
                    kind=_("Rights grant to approve"),
                    detail=str(g.institution),
                )
            )
    return found
