"""Expressions of interest and the partner's answer.

An interest accepted by the partner (the owner accepted by sending it) creates a cooperation
item; declines keep their fixed reason and later runs leave that partner out for that demand.
Every answer is also a training pair for the learned ranking weights (``services.learning``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.cooperation import services as cooperation
from hicoop.cooperation.choices import ItemStatus, Origin, Side
from hicoop.core.actors import MATCHING, Actor
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.scope import can_edit, require_edit
from hicoop.core.workflow import apply_transition, record_event
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Demand
from hicoop.matchmaking import adapter
from hicoop.matchmaking.choices import DeclineReason, InterestStatus, RunMode
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.matchmaking.services import learning
from hicoop.matchmaking.services.runs import _require_open, _user
from hicoop.matchmaking.transitions import INTEREST_WORKFLOW
from hicoop.parties.models import Party

ANSWER_FIELDS = ["decline_reason", "decline_note", "answered_by", "answered_at", "item"]


def _require_partner(interest: Interest, actor: Actor) -> None:
    if not can_edit(interest.partner, actor):
        raise PermissionDenied(
            _("Only the partner (or the joint office) answers an expression of interest.")
        )


@transaction.atomic
def express_interest(
    *,
    demand: Demand,
    partner: Party,
    actor: Actor,
    message: str = "",
    candidate: MatchCandidate | None = None,
) -> Interest:
    """The demand's owner tells a partner it wants to cooperate (this is the owner's acceptance)."""
    require_edit(demand, actor)
    _require_open(demand)
    if str(partner.pk) in adapter.hainan_owner_ids() or partner.pk == demand.owner_id:
        raise ValidationFailed(details={"partner": [_("Partners come from outside Hainan.")]})
    if Interest.objects.filter(
        demand=demand, partner=partner, status__in=[InterestStatus.SENT, InterestStatus.ACCEPTED]
    ).exists():
        raise Conflict(_("An expression of interest to this partner is already open or accepted."))
    interest = Interest.objects.create(
        demand=demand,
        partner=partner,
        candidate=candidate,
        run=candidate.run if candidate else None,
        message=message.strip(),
        sent_by=_user(actor),
    )
    record_event(interest, "create", actor=actor, workflow=INTEREST_WORKFLOW, from_status="")
    return interest


def _item_for(interest: Interest, actor: Actor, on: dt.date) -> Any:
    """The cooperation item of an accepted interest; coalition members join one shared item."""
    demand = interest.demand
    sibling = None
    if interest.run_id and interest.run and interest.run.mode == RunMode.MANY_TO_ONE:
        sibling = (
            Interest.objects.filter(run=interest.run, demand=demand, item__isnull=False)
            .exclude(pk=interest.pk)
            .select_related("item")
            .first()
        )
    item = sibling.item if sibling is not None else None
    if item is not None and item.status not in {ItemStatus.COMPLETED, ItemStatus.TERMINATED}:
        partners = [str(p.pk) for p in item.partner_parties] + [str(interest.partner_id)]
        cooperation.adjust_item(
            item=item,
            data={"partner_parties": partners},
            actor=actor,
            trusted=True,
            year=on.year,
            reason=_("Coalition partner %(partner)s accepted.")
            % {"partner": interest.partner.name},
        )
        return item
    mode = interest.run.mode if interest.run_id and interest.run else demand.mode
    item = cooperation.create_item(
        data={
            "title": demand.title,
            "measure": demand.measure.number,
            "mode": mode,
            "fields": [f.code for f in demand.fields.all()],
            "goals": demand.description,
            "hainan_parties": [str(demand.owner_id)],
            "partner_parties": [str(interest.partner_id)],
            "origin": Origin.MATCH,
            "source_demand": demand.pk,
            "origin_note": _("Expression of interest #%(id)s") % {"id": interest.pk}
            + (f" · run #{interest.run_id}" if interest.run_id else ""),
            "year": on.year,
            "hainan_lead": demand.contact_person,
        },
        actor=actor,
        on=on,
        trusted=True,
    )
    # Both sides consented: the demand's side by sending the interest, the partner by accepting.
    cooperation.agree_item(
        item=item,
        actor=interest.sent_by or MATCHING,
        side=Side.HAINAN,
        reason=_("Expression of interest #%(id)s sent") % {"id": interest.pk},
        trusted=True,
    )
    cooperation.agree_item(
        item=item,
        actor=actor,
        side=Side.PARTNER,
        reason=_("Both sides accepted the match."),
        trusted=True,
    )
    return item


@transaction.atomic
def respond_interest(
    *, interest: Interest, actor: Actor, accept: bool, on: dt.date, reason: str = "", note: str = ""
) -> Interest:
    """The partner accepts (a cooperation item is created) or declines with a fixed reason."""
    _require_partner(interest, actor)
    # Concurrent answers: the first holds the row, the others then see it answered (one item).
    interest.refresh_from_db(from_queryset=Interest.objects.select_for_update())
    if interest.status != InterestStatus.SENT:
        raise Conflict(
            _("This expression of interest was already answered (%(status)s).")
            % {"status": InterestStatus(interest.status).label}
        )
    if not accept:
        errors = {}
        if reason not in DeclineReason.values:
            errors["reason"] = [_("Choose a reason: not relevant, no capacity, terms or other.")]
        elif reason == DeclineReason.OTHER and not note.strip():
            errors["note"] = [_("Please explain the other reason.")]
        if errors:
            raise ValidationFailed(details=errors)
    interest.decline_reason = "" if accept else reason
    interest.decline_note = note.strip()
    interest.answered_by, interest.answered_at = _user(actor), timezone.now()
    if accept:
        interest.item = _item_for(interest, actor, on)
        if interest.demand.status == ListingStatus.PUBLISHED:
            listings.transition_listing(
                listing=interest.demand,
                action="match",
                actor=actor,
                reason=_("Accepted by %(partner)s") % {"partner": interest.partner.name},
                trusted=True,
            )
    apply_transition(
        interest,
        "accept" if accept else "decline",
        actor=actor,
        reason=note.strip() or (str(DeclineReason(reason).label) if reason else ""),
        workflow=INTEREST_WORKFLOW,
        save_fields=ANSWER_FIELDS,
        data={} if accept else {"decline_reason": reason},
    )
    # Every answer is a training pair; the refit job runs when enough new ones exist.
    transaction.on_commit(lambda: learning.request_refit(actor=MATCHING))
    return interest


@transaction.atomic
def withdraw_interest(*, interest: Interest, actor: Actor) -> Interest:
    require_edit(interest.demand, actor)
    if interest.status != InterestStatus.SENT:
        raise Conflict(_("Only an unanswered expression of interest can be withdrawn."))
    interest.answered_by, interest.answered_at = _user(actor), timezone.now()
    apply_transition(
        interest,
        "withdraw",
        actor=actor,
        workflow=INTEREST_WORKFLOW,
        save_fields=["answered_by", "answered_at"],
    )
    return interest
