"""What the listings app puts in a user's workspace: returned records to fix, records waiting
for the joint office's review, and the organisation's own records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.core.workspace import Row, Section, Todo
from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.listings.notices import url_of
from hicoop.parties.models import Party

MODELS = (Demand, Capability, Achievement)


def todos(user: Any, on: dt.date) -> Iterable[Todo]:
    if not getattr(user, "is_authenticated", False):
        return []
    found: list[Todo] = []
    own = Party.objects.editable_by(user).values("pk")
    for model in MODELS:
        returned = model.objects.filter(owner__in=own, status=ListingStatus.RETURNED)
        for listing in returned.order_by("updated_at")[:20]:
            found.append(
                Todo(
                    title=listing.title,
                    url=url_of(listing),
                    kind=_("Returned: to fix and submit again"),
                    detail=listing.return_reason,
                )
            )
    if roles.is_joint_office_admin(user):
        for model in MODELS:
            waiting = model.objects.filter(status=ListingStatus.SUBMITTED).order_by("updated_at")
            for listing in waiting[:20]:
                found.append(
                    Todo(
                        title=listing.title,
                        url=url_of(listing),
                        kind=_("Waiting for review"),
                        detail=listing.owner.display_name,
                    )
                )
    return found


def own_records(user: Any, on: dt.date) -> Section | None:
    """The demands, capabilities and achievements of the user's own organisation."""
    if not getattr(user, "is_authenticated", False) or roles.is_joint_office_admin(user):
        return None
    own = Party.objects.worked_on_by(user).values("pk")
    rows: list[Row] = []
    for model in MODELS:
        for listing in (
            model.objects.filter(owner__in=own)
            .exclude(status=ListingStatus.CLOSED)
            .select_related("owner")
            .order_by("-updated_at")[:8]
        ):
            rows.append(
                Row(
                    title=listing.title,
                    url=url_of(listing),
                    status=listing.get_status_display(),
                    detail=f"{model._meta.verbose_name} · {listing.owner.display_name}",
                )
            )
    return Section(
        key="own-records",
        title=_("Our demands, capabilities and achievements"),
        rows=rows,
        more_url=reverse("listings:list", args=["demands"]),
        empty=_("Nothing yet."),
    )
