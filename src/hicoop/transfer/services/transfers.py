"""Writes to technology transfer contracts: create, edit, status steps, payments, documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import can_edit, is_office, require_edit
from hicoop.core.actors import require_actor, stored_name, user_of
from hicoop.core.attachments import attach
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import Cleaned, ParseError, clean
from hicoop.core.models import Attachment, AuditAction
from hicoop.core.workflow import OFFICE, Transition, apply_transition
from hicoop.parties.models import Party
from hicoop.transfer import notices
from hicoop.transfer.choices import ZONE_PARTY_KEYS, TransferStatus, Zone
from hicoop.transfer.exceptions import PaymentsExceedAmount
from hicoop.transfer.models import Payment, Transfer
from hicoop.transfer.records import PAYMENT_ATTRS, TRANSFER_ATTRS, registration_number
from hicoop.transfer.services import refs

CLOSED = (TransferStatus.COMPLETED, TransferStatus.TERMINATED)
DOCUMENT_KINDS = ("contract", "registration", "other")
_RESOLVERS = {
    "seller": refs.party,
    "buyer": refs.party,
    "broker": refs.party,
    "achievement": refs.achievement,
    "item": refs.item,
    "field": refs.field,
}


def _resolve(cleaned: Cleaned) -> None:
    for name, resolver in _RESOLVERS.items():
        raw = cleaned.values.get(name)
        if name not in cleaned.values:
            continue
        try:
            cleaned.values[name] = resolver(raw) if raw else None
        except ParseError as exc:
            cleaned.add(name, str(exc))
    if "registration_number" in cleaned.values:
        try:
            cleaned.values["registration_number"] = registration_number(
                cleaned.values["registration_number"]
            )
        except ParseError as exc:
            cleaned.add("registration_number", str(exc))


def _zone_of(seller: Party) -> str:
    """The partner zone a seller sits in (by the mechanism's zone parties), else Hainan's own."""
    keys = {f"mechanism:{key}": zone for zone, key in ZONE_PARTY_KEYS.items()}
    for ancestor in [*seller.ancestors(), seller]:
        if ancestor.external_id in keys:
            return str(keys[ancestor.external_id])
    return str(Zone.HAINAN) if refs.in_hainan(seller) else ""


def _rules(values: dict[str, Any], cleaned: Cleaned, exclude: int | None) -> None:
    """Rules across fields; adds errors to ``cleaned``."""
    seller, buyer = values.get("seller"), values.get("buyer")
    # An unresolved reference stays a string (its error is already recorded): not a party.
    seller = seller if isinstance(seller, Party) else None
    buyer = buyer if isinstance(buyer, Party) else None
    if not values.get("achievement") and not (values.get("description") or "").strip():
        cleaned.add("description", _("Choose a listed achievement or describe the technology."))
    if seller and buyer and seller.pk == buyer.pk:
        cleaned.add("buyer", _("The buyer must differ from the seller."))
    if seller and buyer and not (refs.in_hainan(seller) or refs.in_hainan(buyer)):
        cleaned.add("buyer", _("One side of the contract must be a Hainan party."))
    amount, part = values.get("amount"), values.get("technology_amount")
    if amount is not None and part is not None and part > amount:
        cleaned.add(
            "technology_amount",
            _("The technology transaction part may not exceed the contract amount."),
        )
    number = values.get("registration_number")
    if number and Transfer.objects.filter(registration_number=number).exclude(pk=exclude).exists():
        cleaned.add("registration_number", _("Another contract has this registration number."))
    signed, registered = values.get("signed_on"), values.get("registered_on")
    if signed and registered and registered < signed:
        cleaned.add("registered_on", _("A contract is registered after it is signed."))


_TEXTS = frozenset({"title", "description", "registration_number", "zone"})


def _assign(transfer: Transfer, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "programmes":
            transfer.programmes = list(value or [])
        elif name in _TEXTS:
            setattr(transfer, name, value or "")
        else:
            setattr(transfer, name, value)


def _may_write_sides(values: dict[str, Any], actor: Any) -> None:
    if is_office(actor):
        return
    editable = Party.objects.editable_by(user_of(actor)).values_list("pk", flat=True)
    sides = {p.pk for p in (values.get("seller"), values.get("buyer")) if p}
    if not sides & set(editable):
        raise PermissionDenied(
            _("You may record contracts only where your unit or region is a side.")
        )


def parse_transfer(
    data: Mapping[str, Any], *, partial: bool = False, current: Transfer | None = None
) -> dict[str, Any]:
    """Typed, checked values of a contract (all rules across fields included)."""
    cleaned = clean(TRANSFER_ATTRS, data, partial=partial)
    _resolve(cleaned)
    values = dict(cleaned.values)
    if current is not None:
        merged = {a.name: getattr(current, a.name) for a in TRANSFER_ATTRS}
        merged.update(values)
        _rules(merged, cleaned, current.pk)
    else:
        _rules(values, cleaned, None)
    cleaned.raise_errors()
    return values


@transaction.atomic
def create_transfer(*, data: Mapping[str, Any], actor: Any, is_demo: bool = False) -> Transfer:
    """Record a contract (as a draft) for a side in the actor's scope."""
    require_actor(actor)
    values = parse_transfer(data)
    _may_write_sides(values, actor)
    if not values.get("zone") and values.get("seller"):
        values["zone"] = _zone_of(values["seller"])
    transfer = Transfer(is_demo=is_demo, created_by=user_of(actor))
    _assign(transfer, values)
    transfer.save()
    audit.record(instance=transfer, actor=actor, action=AuditAction.CREATE)
    return transfer


@transaction.atomic
def update_transfer(*, transfer: Transfer, changes: Mapping[str, Any], actor: Any) -> Transfer:
    """Change a contract's content; closed contracts are kept as they ended."""
    require_actor(actor)
    require_edit(transfer, actor)
    if transfer.status in CLOSED:
        raise ValidationFailed(_("A completed or terminated contract cannot be changed."))
    values = parse_transfer(changes, partial=True, current=transfer)
    if transfer.status in (TransferStatus.REGISTERED, TransferStatus.IN_EFFECT) and (
        values.get("registration_number", transfer.registration_number)
        != transfer.registration_number
    ):
        require_office_step(actor)
    before = audit.snapshot(transfer)
    _assign(transfer, values)
    _may_write_sides({"seller": transfer.seller, "buyer": transfer.buyer}, actor)
    transfer.save()
    audit.record(instance=transfer, actor=actor, action=AuditAction.UPDATE, before=before)
    return transfer


def require_office_step(actor: Any) -> None:
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office may do this."))


def _may(transfer: Transfer, actor: Any) -> Any:
    def check(step: Transition) -> bool:
        if step.by == OFFICE:
            return is_office(actor)
        return can_edit(transfer, actor)

    return check


@transaction.atomic
def take_step(
    *,
    transfer: Transfer,
    action: str,
    actor: Any,
    reason: str = "",
    on: dt.date | None = None,
    registration: str = "",
) -> Transfer:
    """Move a contract through its lifecycle (signing stamps the date; registering needs the
    registration number)."""
    require_actor(actor)
    today = on or dt.date.today()
    fields: list[str] = []
    if action == "sign" and transfer.signed_on is None:
        transfer.signed_on = today
        fields.append("signed_on")
    if action == "register":
        _registration(transfer, registration, today)
        fields += ["registration_number", "registered_on"]
    apply_transition(
        transfer, action, actor=actor, reason=reason, may=_may(transfer, actor), save_fields=fields
    )
    notices.step_taken(transfer=transfer, actor=actor)
    return transfer


def _registration(transfer: Transfer, typed: str, today: dt.date) -> None:
    try:
        number = registration_number(typed) or transfer.registration_number
    except ParseError as exc:
        raise ValidationFailed(details={"registration_number": [str(exc)]}) from exc
    if not number:
        raise ValidationFailed(
            details={"registration_number": [_("Enter the registration number to register.")]}
        )
    if Transfer.objects.filter(registration_number=number).exclude(pk=transfer.pk).exists():
        raise ValidationFailed(
            details={"registration_number": [_("Another contract has this registration number.")]}
        )
    transfer.registration_number = number
    transfer.registered_on = transfer.registered_on or today


def paid_total(transfer: Transfer) -> Decimal:
    total = transfer.payments.aggregate(total=Sum("amount"))["total"]
    return Decimal(total or 0)


@transaction.atomic
def record_payment(*, transfer: Transfer, data: Mapping[str, Any], actor: Any) -> Payment:
    """Record money received; the payments of a contract never add up to more than its amount."""
    require_actor(actor)
    require_edit(transfer, actor)
    locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if locked.status not in (
        TransferStatus.SIGNED,
        TransferStatus.REGISTERED,
        TransferStatus.IN_EFFECT,
        TransferStatus.COMPLETED,
    ):
        raise ValidationFailed(_("Payments are recorded once the contract is signed."))
    cleaned = clean(PAYMENT_ATTRS, data)
    cleaned.raise_errors()
    values = cleaned.values
    already = paid_total(locked)
    if already + values["amount"] > locked.amount:
        raise PaymentsExceedAmount(
            details={
                "amount": [
                    _("At most %(left)s (10k yuan) remain to be paid on this contract.")
                    % {"left": locked.amount - already}
                ]
            }
        )
    payment = Payment.objects.create(
        transfer=locked,
        kind=values.get("kind") or "payment",
        amount=values["amount"],
        received_on=values["received_on"],
        note=values.get("note") or "",
        recorded_by_name=stored_name(actor),
    )
    audit.record(instance=payment, actor=actor, action=AuditAction.CREATE)
    return payment


@transaction.atomic
def add_document(*, transfer: Transfer, upload: Any, kind: str, actor: Any) -> Attachment:
    """Attach the contract or the registration certificate (type and content are checked)."""
    require_actor(actor)
    require_edit(transfer, actor)
    if kind not in DOCUMENT_KINDS:
        raise ValidationFailed(details={"kind": [_("Choose the kind of document.")]})
    return attach(record=transfer, upload=upload, actor=actor, kind=kind)
