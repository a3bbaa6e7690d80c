"""Notifications the transfer domain sends: a contract's status changed (to the members of the
seller and the buyer, never the actor). One kind per status, so the sentence is rendered in the
reader's language."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core import notifications
from hicoop.core.notifications import NoticeKind
from hicoop.transfer.choices import TransferStatus

S = TransferStatus
BY_STATUS = {
    S.SIGNED.value: NoticeKind("transfer.signed", _("Contract signed"), _("%(title)s was signed.")),
    S.REGISTERED.value: NoticeKind(
        "transfer.registered", _("Contract registered"), _("%(title)s was registered.")
    ),
    S.IN_EFFECT.value: NoticeKind(
        "transfer.in_effect", _("Contract in effect"), _("%(title)s is in effect.")
    ),
    S.COMPLETED.value: NoticeKind(
        "transfer.completed", _("Contract completed"), _("%(title)s was completed.")
    ),
    S.TERMINATED.value: NoticeKind(
        "transfer.terminated", _("Contract terminated"), _("%(title)s was terminated.")
    ),
}
KINDS = tuple(BY_STATUS.values())


def step_taken(*, transfer: Any, actor: Any) -> None:
    kind = BY_STATUS.get(transfer.status)
    if kind is None:
        return
    members = (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__party__in=[transfer.seller_id, transfer.buyer_id]
        )
        .distinct()
    )
    notifications.notify(
        recipients=members,
        kind=kind,
        params={"title": transfer.title},
        actor=actor,
        url=reverse("transfer:detail", args=[transfer.pk]),
        target=transfer,
    )
