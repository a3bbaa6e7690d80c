"""百城百园 campaigns, their promoted achievements and adoptions (which may become contracts or
cooperation items); service organisations such as 国家技术转移海南中心."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import can_edit, is_office, require_office
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import ParseError, clean
from hicoop.core.models import AuditAction
from hicoop.parties.models import Party
from hicoop.transfer.models import Adoption, Campaign, ServiceOrganisation, Transfer
from hicoop.transfer.records import ADOPTION_ATTRS, CAMPAIGN_ATTRS
from hicoop.transfer.services import refs
from hicoop.transfer.services.transfers import create_transfer


@transaction.atomic
def create_campaign(*, data: Mapping[str, Any], actor: Any, is_demo: bool = False) -> Campaign:
    """A named promotion with its cities, parks and promoted achievements (the office's)."""
    require_actor(actor)
    require_office(actor)
    cleaned = clean(CAMPAIGN_ATTRS, data)
    values = cleaned.values
    resolved: dict[str, Any] = {}
    for name, resolve in (("organiser", refs.party),):
        try:
            resolved[name] = resolve(values.get(name) or "")
        except ParseError as exc:
            cleaned.add(name, str(exc))
    for name, resolve_many in (("places", refs.party), ("achievements", refs.achievement)):
        try:
            resolved[name] = [resolve_many(r) for r in values.get(name) or []]
        except ParseError as exc:
            cleaned.add(name, str(exc))
    if Campaign.objects.filter(name=values.get("name"), year=values.get("year")).exists():
        cleaned.add("name", _("A campaign with this name exists for this year."))
    cleaned.raise_errors()
    campaign = Campaign.objects.create(
        name=values["name"],
        year=values["year"],
        organiser=resolved["organiser"],
        description=values.get("description") or "",
        is_demo=is_demo,
    )
    campaign.places.set(resolved["places"])
    campaign.achievements.set(resolved["achievements"])
    audit.record(instance=campaign, actor=actor, action=AuditAction.CREATE)
    return campaign


@transaction.atomic
def record_adoption(
    *, campaign: Campaign, data: Mapping[str, Any], actor: Any, is_demo: bool = False
) -> Adoption:
    """A Hainan unit adopting (or looking at) one of the campaign's achievements."""
    require_actor(actor)
    cleaned = clean(ADOPTION_ATTRS, data)
    values = cleaned.values
    for name, resolve in (("achievement", refs.achievement), ("adopter", refs.party)):
        try:
            values[name] = resolve(values.get(name) or "")
        except ParseError as exc:
            cleaned.add(name, str(exc))
    cleaned.raise_errors()
    if not campaign.achievements.filter(pk=values["achievement"].pk).exists():
        cleaned.add("achievement", _("This achievement is not promoted by the campaign."))
    if not refs.in_hainan(values["adopter"]):
        cleaned.add("adopter", _("The adopting unit must be a Hainan party."))
    cleaned.raise_errors()
    _may_act_for(values["adopter"], actor)
    adoption = Adoption.objects.create(campaign=campaign, is_demo=is_demo, **values)
    audit.record(instance=adoption, actor=actor, action=AuditAction.CREATE)
    return adoption


def _may_act_for(party: Party, actor: Any) -> None:
    if not (is_office(actor) or can_edit(party, actor)):
        raise PermissionDenied(_("You may record adoptions only for units in your scope."))


@transaction.atomic
def adoption_to_transfer(
    *, adoption: Adoption, data: Mapping[str, Any], actor: Any, is_demo: bool = False
) -> Transfer:
    """Turn an adoption into a draft contract from the achievement's owner to the adopter."""
    require_actor(actor)
    _may_act_for(adoption.adopter, actor)
    if adoption.transfer_id:
        raise ValidationFailed(_("This adoption already has a contract."))
    achievement = adoption.achievement
    base = {
        "title": achievement.title,
        "achievement": str(achievement.pk),
        "seller": str(achievement.owner_id),
        "buyer": str(adoption.adopter_id),
        "programmes": ["hundred_cities"],
    }
    transfer = create_transfer(data={**base, **dict(data)}, actor=actor, is_demo=is_demo)
    adoption.transfer = transfer
    adoption.save(update_fields=["transfer", "updated_at"])
    return transfer


@transaction.atomic
def link_adoption_transfer(*, adoption: Adoption, transfer: Transfer, actor: Any) -> Adoption:
    """Record the existing contract an adoption became (a contract of the adopter's)."""
    require_actor(actor)
    _may_act_for(adoption.adopter, actor)
    if transfer.buyer_id != adoption.adopter_id:
        raise ValidationFailed(
            details={"transfer": [_("The contract's buyer is not the adopting unit.")]}
        )
    adoption.transfer = transfer
    adoption.save(update_fields=["transfer", "updated_at"])
    return adoption


@transaction.atomic
def link_adoption_item(*, adoption: Adoption, item_ref: str, actor: Any) -> Adoption:
    """Record the cooperation item an adoption became."""
    require_actor(actor)
    _may_act_for(adoption.adopter, actor)
    try:
        adoption.item = refs.item(item_ref)
    except ParseError as exc:
        raise ValidationFailed(details={"item": [str(exc)]}) from exc
    adoption.save(update_fields=["item", "updated_at"])
    return adoption


@transaction.atomic
def ensure_service_organisation(
    *, party: Party, services: list[str], national_centre: bool, actor: Any
) -> tuple[ServiceOrganisation, bool]:
    """Register a party as a service organisation; existing records are never overwritten."""
    require_actor(actor)
    found = ServiceOrganisation.objects.filter(party=party).first()
    if found is not None:
        return found, False
    require_office(actor)
    organisation = ServiceOrganisation.objects.create(
        party=party, services=services[:50], is_national_centre=national_centre
    )
    audit.record(instance=organisation, actor=actor, action=AuditAction.CREATE)
    return organisation, True
