"""Expressions of interest and the other side's answer.

A demand's owner writes to a partner (from a run or an offer's page), or a partner writes to the
owner of a published demand (``express_interest_as_partner``); the side that did not send
answers. An accepted interest (the sender accepted by sending it) creates a cooperation item;
declines keep their fixed reason and later runs leave that partner out for that demand. Answers
to run candidates are also training pairs for the learned weights (``services.learning``).
A many-to-one demand is marked matched only once no interest on it awaits an answer (ADR 0049).
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
from hicoop.matchmaking.choices import (
    DeclineReason,
    InterestDirection,
    InterestStatus,
    RunMode,
)
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.matchmaking.services import learning
from hicoop.matchmaking.services.runs import _require_open, _user
from hicoop.matchmaking.transitions import INTEREST_WORKFLOW
from hicoop.parties.models import Party

ANSWER_FIELDS = ["decline_reason", "decline_note", "answered_by", "answered_at", "item"]
MAX_MESSAGE = 1000


def from_partner(interest: Interest) -> bool:
    return interest.direction == InterestDirection.FROM_PARTNER


def answering_side(interest: Interest) -> Any:
    """The record whose people answer: the partner, or the demand when the partner sent it."""
    return interest.demand if from_partner(interest) else interest.partner


def sending_side(interest: Interest) -> Any:
    return interest.partner if from_partner(interest) else interest.demand


def _require_answerer(interest: Interest, actor: Actor) -> None:
    if can_edit(answering_side(interest), actor):
        return
    if from_partner(interest):
        raise PermissionDenied(
            _("Only the demand's owner (or the joint office) answers a partner's interest.")
        )
    raise PermissionDenied(
        _("Only the partner (or the joint office) answers an expression of interest.")
    )


def _clean_message(message: str) -> str:
    if len(message.strip()) > MAX_MESSAGE:
        raise ValidationFailed(
            details={"message": [_("A message has at most %(n)s characters.") % {"n": MAX_MESSAGE}]}
        )
    return message.strip()


def _require_none_open(demand: Demand, partner: Party) -> None:
    if Interest.objects.filter(
        demand=demand, partner=partner, status__in=[InterestStatus.SENT, InterestStatus.ACCEPTED]
    ).exists():
        raise Conflict(
            _(
                "An expression of interest between this demand and %(partner)s is already "
                "open or accepted."
            )
            % {"partner": partner.name}
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
    text = _clean_message(message)
    _require_none_open(demand, partner)
    interest = Interest.objects.create(
        demand=demand,
        partner=partner,
        candidate=candidate,
        run=candidate.run if candidate else None,
        message=text,
        sent_by=_user(actor),
    )
    record_event(interest, "create", actor=actor, workflow=INTEREST_WORKFLOW, from_status="")
    return interest


def _require_published(demand: Demand) -> None:
    if demand.status != ListingStatus.PUBLISHED:
        raise Conflict(
            _("Interest is expressed only in published demands; this one is %(status)s.")
            % {"status": ListingStatus(demand.status).label}
        )


@transaction.atomic
def express_interest_as_partner(
    *, demand: Demand, partner: Party, actor: Actor, message: str = ""
) -> Interest:
    """A partner tells a published demand's owner it wants to cooperate; the owner answers."""
    require_edit(partner, actor)
    _require_published(demand)
    if partner.pk == demand.owner_id:
        raise ValidationFailed(
            details={"partner": [_("This is your own demand; interest comes from partners.")]}
        )
    if str(partner.pk) in adapter.hainan_owner_ids():
        raise ValidationFailed(details={"partner": [_("Partners come from outside Hainan.")]})
    if not partner.is_active:
        raise ValidationFailed(details={"partner": [_("This organisation is no longer active.")]})
    text = _clean_message(message)
    _require_none_open(demand, partner)
    interest = Interest.objects.create(
        demand=demand,
        partner=partner,
        direction=InterestDirection.FROM_PARTNER,
        message=text,
        sent_by=_user(actor),
    )
    record_event(interest, "create", actor=actor, workflow=INTEREST_WORKFLOW, from_status="")
    return interest


def _item_for(interest: Interest, actor: Actor, on: dt.date) -> Any:
    """The cooperation item of an accepted interest; coalition members join one shared item."""
    joined = _join_coalition_item(interest, actor, on)
    if joined is not None:
        return joined
    item = _new_item(interest, actor, on)
    _both_sides_agree(interest, item, actor)
    return item


def _join_coalition_item(interest: Interest, actor: Actor, on: dt.date) -> Any:
    """A 多对一 member accepting after another: it joins the open item its coalition has."""
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
    return None


def _new_item(interest: Interest, actor: Actor, on: dt.date) -> Any:
    demand = interest.demand
    mode = interest.run.mode if interest.run_id and interest.run else demand.mode
    return cooperation.create_item(
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


def _both_sides_agree(interest: Interest, item: Any, actor: Actor) -> None:
    # Both sides consented: the sender by sending the interest, the other side by accepting it.
    sender_side, answer_side = (
        (Side.PARTNER, Side.HAINAN) if from_partner(interest) else (Side.HAINAN, Side.PARTNER)
    )
    cooperation.agree_item(
        item=item,
        actor=interest.sent_by or MATCHING,
        side=sender_side,
        reason=_("Expression of interest #%(id)s sent") % {"id": interest.pk},
        trusted=True,
    )
    cooperation.agree_item(
        item=item,
        actor=actor,
        side=answer_side,
        reason=_("Both sides accepted the match."),
        trusted=True,
    )


@transaction.atomic
def respond_interest(
    *, interest: Interest, actor: Actor, accept: bool, on: dt.date, reason: str = "", note: str = ""
) -> Interest:
    """The side that did not send accepts (a cooperation item is created) or declines with a
    fixed reason."""
    _require_answerer(interest, actor)
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
    apply_transition(
        interest,
        "accept" if accept else "decline",
        actor=actor,
        reason=note.strip() or (str(DeclineReason(reason).label) if reason else ""),
        workflow=INTEREST_WORKFLOW,
        save_fields=ANSWER_FIELDS,
        data={} if accept else {"decline_reason": reason},
    )
    _settle_demand(interest.demand, actor)
    # Every answer is a training pair; the refit job runs when enough new ones exist.
    transaction.on_commit(lambda: learning.request_refit(actor=MATCHING))
    return interest


def _coalition(demand: Demand) -> bool:
    return (
        demand.mode == RunMode.MANY_TO_ONE
        or Interest.objects.filter(demand=demand, run__mode=RunMode.MANY_TO_ONE).exists()
    )


def _settle_demand(demand: Demand, actor: Actor) -> None:
    """Mark a published demand matched once an interest on it is accepted; a many-to-one demand
    only when none of its interests still awaits an answer (its other members may yet join)."""
    # Members answering at once: the demand's row orders them, so the last one sees all answers.
    locked = Demand.objects.select_for_update().filter(pk=demand.pk).first()
    if locked is None or locked.status != ListingStatus.PUBLISHED:
        return
    demand = locked
    answered = Interest.objects.filter(demand=demand)
    accepted = answered.filter(status=InterestStatus.ACCEPTED).select_related("partner")
    if not accepted.exists():
        return
    if _coalition(demand) and answered.filter(status=InterestStatus.SENT).exists():
        return
    names = "、".join(i.partner.name for i in accepted.order_by("answered_at", "pk"))
    listings.transition_listing(
        listing=demand,
        action="match",
        actor=actor,
        reason=_("Accepted by %(partner)s") % {"partner": names},
        trusted=True,
    )


@transaction.atomic
def withdraw_interest(*, interest: Interest, actor: Actor) -> Interest:
    """The sender takes back an unanswered interest."""
    if not can_edit(sending_side(interest), actor):
        raise PermissionDenied(
            _("Only the sender (or the joint office) withdraws an expression of interest.")
        )
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
    _settle_demand(interest.demand, actor)
    return interest
