"""Two-sided agreement of a proposed cooperation item (ADR 0047).

Each side agrees for itself: the Hainan side by a member or manager of one of its Hainan parties
(or of a party above them), the partner side likewise. The joint office may agree on behalf of
the sides that have not, only with a reason. Each side's agreement is an ``ItemAgreement`` row and
a history row (``agree_hainan`` / ``agree_partner``); when the last side agrees the item moves to
``agreed`` through the workflow kit (one ``WorkflowEvent``). Until then the other side is told.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation import notices
from hicoop.cooperation.choices import ItemStatus, Side
from hicoop.cooperation.models import CooperationItem, ItemAgreement
from hicoop.cooperation.services.common import _not_allowed, _transition
from hicoop.cooperation.transitions import (
    AGREEING_SIDES,
    ITEM_WORKFLOW,
    SIDE_AGREED,
    missing_sides,
)
from hicoop.core.actors import Actor, is_system, stored_name, user_of
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.workflow import MAX_REASON, record_event
from hicoop.parties.models import Party


def sides_of(item: CooperationItem, user: Any) -> list[str]:
    """The sides of ``item`` whose parties ``user`` works for (as a member or a manager above)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = list(item.sides.all())
    mine = set(
        Party.objects.editable_by(user)
        .filter(pk__in=[r.party_id for r in rows])
        .values_list("pk", flat=True)
    )
    return [str(s) for s in AGREEING_SIDES if any(r.side == s and r.party_id in mine for r in rows)]


def agreements_of(item: CooperationItem) -> dict[str, ItemAgreement]:
    """The sides' agreements given so far, by side."""
    return {a.side: a for a in item.agreements.select_related("agreed_by")}


def sides_to_agree(item: CooperationItem, user: Any) -> list[str]:
    """The sides ``user`` may still agree for (the joint office: every side not yet agreed)."""
    if item.status != ItemStatus.PROPOSED:
        return []
    agreed = set(item.agreements.values_list("side", flat=True))
    if roles.is_joint_office_admin(user):
        return missing_sides(agreed)
    return [s for s in sides_of(item, user) if s not in agreed]


def _check_reason(reason: str) -> None:
    if len(reason) > MAX_REASON:
        raise ValidationFailed(
            details={"reason": [_("At most %(n)d characters.") % {"n": MAX_REASON}]}
        )


def _on_behalf(reason: str, agreed: dict[str, ItemAgreement]) -> tuple[list[str], bool]:
    if not reason.strip():
        raise ValidationFailed(
            details={
                "reason": [
                    _(
                        "The joint office agrees on behalf of both sides only with a reason "
                        "(e.g. the decision or the letters of both sides)."
                    )
                ]
            }
        )
    return missing_sides(set(agreed)), True


def _own_side(
    item: CooperationItem, actor: Actor, side: str, agreed: dict[str, ItemAgreement]
) -> list[str]:
    mine = sides_of(item, actor)
    if not mine:
        raise PermissionDenied(
            _("Only the Hainan side or the partner side of this item may agree to it.")
        )
    if side and side not in mine:
        raise PermissionDenied(
            _("You are not on the %(side)s of this item; each side agrees for itself.")
            % {"side": Side(side).label}
        )
    open_sides = [s for s in ([side] if side else mine) if s not in agreed]
    if not open_sides:
        raise Conflict(_("Your side already agreed; the item waits for the other side."))
    if any(a.agreed_by_id == getattr(actor, "pk", None) for a in agreed.values()):
        raise PermissionDenied(
            _("You already agreed for the other side; this side must agree through someone else.")
        )
    return open_sides[:1]


def _sides_for(
    item: CooperationItem,
    actor: Actor,
    *,
    side: str,
    reason: str,
    trusted: bool,
    agreed: dict[str, ItemAgreement],
) -> tuple[list[str], bool]:
    """Which sides this call agrees for, and whether on their behalf."""
    if side and side not in AGREEING_SIDES:
        raise ValidationFailed(details={"side": [_("Choose the Hainan side or the partner side.")]})
    if trusted and side:  # a later app's service checked that the actor speaks for this side
        return ([side] if side not in agreed else []), False
    if trusted or is_system(actor) or roles.is_joint_office_admin(actor):
        return _on_behalf(reason, agreed)
    return _own_side(item, actor, side, agreed), False


def _record(item: CooperationItem, side: str, actor: Actor, reason: str, on_behalf: bool) -> None:
    ItemAgreement.objects.create(
        item=item,
        side=side,
        version=item.version,
        agreed_by=user_of(actor),
        agreed_name=stored_name(actor),
        on_behalf=on_behalf,
        reason=reason.strip(),
    )
    record_event(
        item,
        SIDE_AGREED[side],
        actor=actor,
        workflow=ITEM_WORKFLOW,
        reason=reason,
        data={"side": side, "on_behalf": on_behalf},
    )


@transaction.atomic
def agree_item(
    *, item: CooperationItem, actor: Actor, reason: str = "", side: str = "", trusted: bool = False
) -> CooperationItem:
    """Record the actor's side's agreement; the item becomes agreed once both sides agreed.

    ``side``: which side a person on both sides agrees for. ``trusted`` with ``side``: a later
    app's service already checked the actor speaks for that side (the partner accepting an
    interest); ``trusted`` alone: on behalf of both sides (a meeting decision), with a reason.
    """
    _check_reason(reason)
    CooperationItem.objects.select_for_update().filter(
        pk=item.pk
    ).first()  # one agreement at a time
    item.refresh_from_db(fields=["status", "version"])
    if item.status != ItemStatus.PROPOSED:
        raise _not_allowed(ITEM_WORKFLOW, item, "agree", "")
    agreed = agreements_of(item)
    sides, on_behalf = _sides_for(
        item, actor, side=side, reason=reason, trusted=trusted, agreed=agreed
    )
    for each in sides:
        _record(item, each, actor, reason, on_behalf)
    waiting = missing_sides(set(agreed) | set(sides))
    if waiting:
        if sides:
            notices.awaits_agreement(item, waiting, actor)
        return item
    _transition(
        ITEM_WORKFLOW, item, action="agree", to="", actor=actor, reason=reason, trusted=True
    )
    return item


def reset_agreements(item: CooperationItem) -> None:
    """A proposed item's content changed: the sides agree again to the new version."""
    if item.status == ItemStatus.PROPOSED:
        item.agreements.all().delete()
