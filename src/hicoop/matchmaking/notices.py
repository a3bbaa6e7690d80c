"""Notifications of expressions of interest: the receiving side's people are told of a new
interest, the sending side's people of the answer (issue 10). An owner writes to a partner, or a
partner to a demand's owner (``Interest.direction``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind, bilingual, in_languages, notify
from hicoop.matchmaking.choices import InterestDirection, InterestStatus

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
PARTNER_INTEREST = NoticeKind(
    "matchmaking.partner_interest_received",
    _("Interest in your demand"),
    _("%(partner)s is interested in your demand “%(demand)s”."),
)
OWNER_ACCEPTED = NoticeKind(
    "matchmaking.owner_accepted",
    _("Interest accepted"),
    _("%(owner)s accepted your interest in “%(demand)s”."),
)
OWNER_DECLINED = NoticeKind(
    "matchmaking.owner_declined",
    _("Interest declined"),
    _("%(owner)s declined your interest in “%(demand)s”: %(reason)s"),
)
KINDS = (RECEIVED, ACCEPTED, DECLINED, PARTNER_INTEREST, OWNER_ACCEPTED, OWNER_DECLINED)


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
    by_partner = instance.direction == InterestDirection.FROM_PARTNER
    sender, receiver = (
        (instance.partner, demand.owner) if by_partner else (demand.owner, instance.partner)
    )
    if created:
        notify(
            recipients=members_of([receiver]),
            kind=PARTNER_INTEREST if by_partner else RECEIVED,
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
    kinds = (OWNER_ACCEPTED, OWNER_DECLINED) if by_partner else (ACCEPTED, DECLINED)
    notify(
        recipients=members_of([sender]),
        kind=kinds[0] if accepted else kinds[1],
        params=params,
        actor=instance.answered_by,
        url=url,
        target=instance,
    )
