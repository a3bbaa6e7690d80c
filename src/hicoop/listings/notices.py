"""Notifications of demands, capabilities and achievements: the owner's people are told when the
joint office publishes or returns their record (issue 10)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind, notify

PUBLISHED = NoticeKind(
    "listings.published", _("Record published"), _("“%(record)s” was published.")
)
RETURNED = NoticeKind(
    "listings.returned",
    _("Record returned for changes"),
    _("“%(record)s” was returned for changes: %(reason)s"),
)
KINDS = (PUBLISHED, RETURNED)
PLURAL = {"demand": "demands", "capability": "capabilities", "achievement": "achievements"}


def url_of(listing: Any) -> str:
    return reverse("listings:detail", args=[PLURAL[listing.kind], listing.pk])


def status_changed(listing: Any, event: Any) -> None:
    from hicoop.accounts.selectors import members_of

    kind = {"publish": PUBLISHED, "return": RETURNED}.get(event.action)
    if kind is None:
        return
    notify(
        recipients=members_of([listing.owner]),
        kind=kind,
        params={"record": listing.title, "reason": event.reason or "—"},
        actor=event.actor,
        url=url_of(listing),
        target=listing,
    )
