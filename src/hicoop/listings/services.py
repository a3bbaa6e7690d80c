"""Writes to demands, capabilities and achievements: create, edit, lifecycle, renewal.

Every function is one transaction; status changes only happen here, checked against
``transitions.py`` by :func:`hicoop.core.workflow.apply_transition` and recorded as one
``WorkflowEvent``; edits are audited field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.core import audit
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction, WorkflowEvent
from hicoop.core.scope import require_edit
from hicoop.core.text import spellings
from hicoop.core.workflow import TransitionNotAllowed, apply_transition, events_of, record_event
from hicoop.listings import records, search
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.transitions import EDITABLE_STATUSES, LISTING_WORKFLOW, OFFICE, Transition
from hicoop.parties.choices import PartyKind
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, IndustryCode, Measure

M2M = ("fields", "industries", "preferred_regions", "regions_served")


__all__ = ["TransitionNotAllowed"]


@dataclass
class Cleaned:
    """Parsed input: plain attribute values, many-to-many targets and every error found."""

    values: dict[str, Any] = field(default_factory=dict)
    relations: dict[str, list[Any]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def find_party(ref: Any) -> Party | None:
    """A party by id, external id, mechanism key, Chinese name or English name."""
    text = str(ref).strip()
    if not text:
        return None
    if text.isdigit():
        return Party.objects.filter(pk=int(text)).first()
    names = spellings(text)
    for lookup in (
        {"external_id": text},
        {"external_id": mechanism_key(text)},
        {"name__in": names},
        {"name_en": text},
        {"short_name__in": names},
    ):
        found = Party.objects.filter(**lookup).first()
        if found is not None:
            return found
    return None


def _resolve_codes(cleaned: Cleaned, name: str, codes: list[str], model: Any, key: str) -> None:
    found = list(model.objects.filter(**{f"{key}__in": codes}))
    missing = sorted(set(codes) - {str(getattr(f, key)) for f in found})
    if missing:
        cleaned.add(name, _("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)})
    cleaned.relations[name] = found


def _resolve_regions(cleaned: Cleaned, name: str, refs: list[str]) -> None:
    regions = []
    for ref in refs:
        party = find_party(ref)
        if party is None or party.kind not in (PartyKind.REGION, PartyKind.CITY):
            cleaned.add(name, _("Unknown region: %(ref)s") % {"ref": ref})
        else:
            regions.append(party)
    cleaned.relations[name] = regions


def _resolve(kind: str, cleaned: Cleaned) -> None:
    v = cleaned.values
    if "owner" in v:
        owner = find_party(v["owner"])
        if owner is None:
            cleaned.add("owner", _("Unknown owner: %(ref)s") % {"ref": v["owner"]})
        v["owner"] = owner
    if "measure" in v and v["measure"] is not None:
        measure = Measure.objects.filter(number=v["measure"]).first()
        if measure is None:
            cleaned.add("measure", _("The measure is a number from 1 to 5."))
        v["measure"] = measure
    for name in ("fields", "industries"):
        if name in v:
            model, key = (Field, "code") if name == "fields" else (IndustryCode, "code")
            _resolve_codes(cleaned, name, v.pop(name), model, key)
    for name in ("preferred_regions", "regions_served"):
        if name in v:
            _resolve_regions(cleaned, name, v.pop(name))


def _check_rules(kind: str, cleaned: Cleaned, current: Mapping[str, Any]) -> None:
    v = {**current, **cleaned.values}
    for low, high in (("budget_min", "budget_max"), ("price_min", "price_max")):
        if v.get(low) is not None and v.get(high) is not None and v[low] > v[high]:
            cleaned.add(high, _("The upper bound must not be below the lower bound."))
    if v.get("starts_on") and v.get("ends_on") and v["starts_on"] > v["ends_on"]:
        cleaned.add("ends_on", _("The end date must not be before the start date."))
    number = v.get("registration_number")
    if number and not records.REGISTRATION_NUMBER.match(number):
        cleaned.add(
            "registration_number",
            _(
                "A registration number looks like 9432021Y0157: 9, the province code, the year, "
                "a letter and four digits."
            ),
        )
    if v.get("contact_email"):
        try:
            validate_email(v["contact_email"])
        except DjangoValidationError:
            cleaned.add("contact_email", _("Enter a valid email address."))
    owner = v.get("owner")
    if isinstance(owner, Party):
        _check_owner(kind, owner, cleaned)


def _check_owner(kind: str, owner: Party, cleaned: Cleaned) -> None:
    hainan = Party.objects.filter(external_id=mechanism_key("hainan")).first()
    in_hainan = bool(hainan and owner.path.startswith(hainan.path))
    if kind == ListingKind.DEMAND and not in_hainan:
        cleaned.add("owner", _("Demands are stated by Hainan units and parks."))
    if kind == ListingKind.ACHIEVEMENT and owner.kind != PartyKind.UNIT:
        cleaned.add("owner", _("Technology achievements belong to a unit."))


def clean(
    kind: str,
    raw: Mapping[str, Any],
    *,
    partial: bool = False,
    current: Mapping[str, Any] | None = None,
) -> Cleaned:
    """Parse and resolve ``raw`` input for ``kind``; collects every problem instead of stopping."""
    cleaned = Cleaned()
    for attr in records.attrs(kind):
        if attr.name not in raw:
            if not partial and attr.required:
                cleaned.add(attr.name, _("This value is required."))
            continue
        try:
            cleaned.values[attr.name] = records.parse(attr, raw[attr.name])
        except records.ParseError as exc:
            cleaned.add(attr.name, str(exc))
    unknown = sorted(set(raw) - {a.name for a in records.attrs(kind)} - {"reason", "status"})
    for name in unknown:
        cleaned.add(name, _("Unknown field."))
    _resolve(kind, cleaned)
    _check_rules(kind, cleaned, current or {})
    return cleaned


def require_owner_scope(actor: Actor, owner: Party | None) -> None:
    if is_system(actor) or owner is None or roles.is_joint_office_admin(actor):
        return
    if not Party.objects.editable_by(actor).filter(pk=owner.pk).exists():
        raise PermissionDenied(_("You may only add records for parties in your scope."))


def refresh_search(listing: Any) -> None:
    text = search.index_text(listing.title, listing.keyword_list, listing.body)
    type(listing).objects.filter(pk=listing.pk).update(search_tokens=text)
    listing.search_tokens = text


def _write(listing: Any, cleaned: Cleaned) -> None:
    for name, value in cleaned.values.items():
        setattr(listing, name, value)
    listing.save()
    for name, targets in cleaned.relations.items():
        getattr(listing, name).set(targets)
    refresh_search(listing)


@transaction.atomic
def create_listing(
    *, kind: str, data: Mapping[str, Any], actor: Actor, status: str = ListingStatus.DRAFT
) -> Any:
    """Create a record of ``kind`` for an owner in the actor's scope, as a draft by default."""
    cleaned = clean(kind, data)
    if cleaned.errors:
        raise ValidationFailed(details=cleaned.errors)
    require_owner_scope(actor, cleaned.values["owner"])
    listing = records.MODELS[kind]()
    listing.status = status
    listing.status_changed_at = timezone.now()
    listing.created_by = actor if getattr(actor, "is_authenticated", False) else None
    _write(listing, cleaned)
    audit.record(instance=listing, actor=actor, action=AuditAction.CREATE)
    record_event(listing, "create", actor=actor, workflow=LISTING_WORKFLOW, from_status="")
    return listing


def current_values(listing: Any) -> dict[str, Any]:
    return {
        a.name: getattr(listing, a.name) for a in records.attrs(listing.kind) if a.name not in M2M
    }


@transaction.atomic
def update_listing(*, listing: Any, data: Mapping[str, Any], actor: Actor, reason: str = "") -> Any:
    """Change a record; editing a published record sends it back to review."""
    require_edit(listing, actor)
    if listing.status not in EDITABLE_STATUSES:
        raise TransitionNotAllowed(_("A matched or closed record cannot be edited."))
    cleaned = clean(listing.kind, data, partial=True, current=current_values(listing))
    if cleaned.errors:
        raise ValidationFailed(details=cleaned.errors)
    if "owner" in cleaned.values:
        require_owner_scope(actor, cleaned.values["owner"])
    before = audit.snapshot(listing)
    _write(listing, cleaned)
    entry = audit.record(
        instance=listing, actor=actor, action=AuditAction.UPDATE, before=before, reason=reason
    )
    if (
        entry
        and listing.status == ListingStatus.PUBLISHED
        and not roles.is_joint_office_admin(actor)
    ):
        apply_status(listing, "resubmit", actor, reason or _("Edited after publication"))
    return listing


def apply_status(
    listing: Any, action: str, actor: Actor, reason: str, may: Any = None
) -> WorkflowEvent:
    """Take ``action`` through the workflow kit; ``may`` checks who may (``None``: the caller did)."""
    fields = []
    if action == "return":
        listing.return_reason = reason
        fields.append("return_reason")
    return apply_transition(
        listing,
        action,
        actor=actor,
        reason=reason,
        workflow=LISTING_WORKFLOW,
        may=may,
        save_fields=fields,
    )


def import_status(listing: Any, status: str, *, actor: Actor) -> WorkflowEvent:
    """A system import sets a stored status as the file says (not a step of the table)."""
    before = listing.status
    listing.status, listing.status_changed_at = status, timezone.now()
    type(listing).objects.filter(pk=listing.pk).update(
        status=status, status_changed_at=listing.status_changed_at
    )
    return record_event(
        listing,
        "import",
        actor=actor,
        workflow=LISTING_WORKFLOW,
        reason=_("Import"),
        from_status=before,
    )


def _may(listing: Any, actor: Actor, trusted: bool) -> Any:
    def may(transition: Transition) -> bool:
        if trusted or is_system(actor):
            return True
        if transition.by == OFFICE and not roles.is_joint_office_admin(actor):
            raise PermissionDenied(_("Only the joint office reviews and publishes records."))
        require_edit(listing, actor)
        return True

    return may


@transaction.atomic
def transition_listing(
    *, listing: Any, action: str, actor: Actor, reason: str = "", trusted: bool = False
) -> Any:
    """Apply a lifecycle action (submit, publish, return, match, close, reopen).

    ``trusted`` is for a service of a later app that already checked the actor's right to this
    step (a partner accepting an interest marks the demand matched); the actor is still recorded.
    """
    if LISTING_WORKFLOW.find(listing.status, action) is None:
        raise TransitionNotAllowed(
            _("“%(action)s” is not allowed while the record is %(status)s.")
            % {
                "action": LISTING_WORKFLOW.action_label(action),
                "status": ListingStatus(listing.status).label,
            },
            details={"status": listing.status, "action": action},
        )
    apply_status(listing, action, actor, reason.strip(), may=_may(listing, actor, trusted))
    listing.refresh_from_db(fields=["status", "status_changed_at"])
    return listing


@transaction.atomic
def renew_listing(*, listing: Any, ends_on: dt.date, actor: Actor, on: dt.date) -> Any:
    """Give an expired (or expiring) record a new end date so partners see it again."""
    require_edit(listing, actor)
    if ends_on <= on:
        raise ValidationFailed(details={"ends_on": [_("The new end date must be in the future.")]})
    if listing.status not in (
        ListingStatus.PUBLISHED,
        ListingStatus.DRAFT,
        ListingStatus.RETURNED,
        ListingStatus.SUBMITTED,
    ):
        raise TransitionNotAllowed(_("Only open records can be renewed."))
    before = audit.snapshot(listing)
    old = listing.ends_on
    listing.ends_on = ends_on
    listing.save(update_fields=["ends_on", "updated_at"])
    audit.record(
        instance=listing, actor=actor, action=AuditAction.UPDATE, before=before, reason=_("Renewed")
    )
    record_event(
        listing,
        "renew",
        actor=actor,
        workflow=LISTING_WORKFLOW,
        reason=f"{old or '—'} → {ends_on.isoformat()}",
    )
    return listing


def events_for(listing: Any) -> Any:
    """Status history of a record, newest first (the kit's ``WorkflowEvent`` rows)."""
    return events_of(listing)
