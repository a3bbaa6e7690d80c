"""What matchmaking puts in a workspace: interests to answer (the joint office: every pending one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.core.workspace import Todo
from hicoop.matchmaking.choices import InterestDirection, InterestStatus
from hicoop.matchmaking.models import Interest
from hicoop.parties.models import Party


def todos(user: Any, on: dt.date) -> Iterable[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    pending = Interest.objects.filter(status=InterestStatus.SENT).select_related(
        "demand", "partner", "demand__owner"
    )
    found: list[Todo] = []
    if roles.is_joint_office_admin(user):
        for i in pending.order_by("sent_at")[:30]:
            found.append(
                Todo(
                    title=i.demand.title,
                    url=reverse("matchmaking:interests") + f"?status=sent#interest-{i.pk}",
                    kind=_("Interest waiting for an answer"),
                    detail=f"{i.demand.owner.display_name} → {i.partner.display_name}",
                )
            )
        return found
    own = Party.objects.editable_by(user).values("pk")
    to_partner = Q(direction=InterestDirection.FROM_OWNER, partner__in=own)
    to_owner = Q(direction=InterestDirection.FROM_PARTNER, demand__owner__in=own)
    for i in pending.filter(to_partner | to_owner).order_by("sent_at")[:30]:
        by_partner = i.direction == InterestDirection.FROM_PARTNER
        found.append(
            Todo(
                title=i.demand.title,
                url=reverse("matchmaking:interests") + f"?box=received#interest-{i.pk}",
                kind=_("Interest to answer"),
                detail=(i.partner if by_partner else i.demand.owner).display_name,
            )
        )
    return found
