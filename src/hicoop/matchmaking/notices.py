"""Notifications of expressions of interest: the partner's people are told of a new interest,
the demand owner's people of the answer (issue 10)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind, bilingual, in_languages, notify
from hicoop.matchmaking.choices import InterestStatus

RECEIVED = NoticeKind(
    "matchmaking.interest_received",
    _("Interest received"),
    _("%(owner)s is interested in working with you on “%(demand)s”."),
)
ACCEPTED = NoticeKind(
    "matchmaking.interest_accepted",
    _("Interest accepted"),
    _("%(partner)s accepted your interest on “%(demand)s”."),
)
DECLINED = NoticeKind(
    "matchmaking.interest_declined",
    _("Interest declined"),
    _("%(partner)s declined your interest on “%(demand)s”: %(reason)s"),
)
KINDS = (RECEIVED, ACCEPTED, DECLINED)


def remember_status(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save: keep the stored status to tell a change from a plain save."""
    if instance.pk is None:
        instance._status_before = None
        return
    instance._status_before = (
        type(instance).objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def interest_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    from hicoop.accounts.selectors import members_of

    if kwargs.get("raw"):
        return
    before = getattr(instance, "_status_before", None)
    demand = instance.demand
    params = {
        "owner": bilingual(demand.owner.name, demand.owner.name_en),
        "partner": bilingual(instance.partner.name, instance.partner.name_en),
        "demand": demand.title,
        "reason": in_languages(lambda: instance.get_decline_reason_display() or "—"),
    }
    if created:
        notify(
            recipients=members_of([instance.partner]),
            kind=RECEIVED,
            params=params,
            actor=instance.sent_by,
            url=reverse("matchmaking:interests") + "?box=received",
            target=instance,
        )
        return
    if before == instance.status or instance.status not in (
        InterestStatus.ACCEPTED,
        InterestStatus.DECLINED,
    ):
        return
    accepted = instance.status == InterestStatus.ACCEPTED
    url = (
        reverse("cooperation:item", args=[instance.item_id])
        if accepted and instance.item_id
        else reverse("matchmaking:interests") + "?box=sent"
    )
    notify(
        recipients=members_of([demand.owner]),
        kind=ACCEPTED if accepted else DECLINED,
        params=params,
        actor=instance.answered_by,
        url=url,
        target=instance,
    )
