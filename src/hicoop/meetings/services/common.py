"""Shared pieces of the meetings services: input attributes, party look-up, office checks."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from hicoop.core.access import is_office
from hicoop.core.actors import user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import Cleaned
from hicoop.listings.services import find_party
from hicoop.parties.models import Party


def party_or_error(cleaned: Cleaned, name: str, ref: str) -> Party | None:
    party = find_party(ref) if ref else None
    if ref and party is None:
        cleaned.add(name, _("Unknown party: %(ref)s") % {"ref": ref})
    return party


def parties_or_error(cleaned: Cleaned, name: str, refs: list[str]) -> list[Party]:
    found = [party_or_error(cleaned, name, ref) for ref in refs]
    return [p for p in found if p is not None]


def user_or_error(cleaned: Cleaned, name: str, username: str) -> Any:
    if not username:
        return None
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        cleaned.add(name, _("Unknown user: %(name)s") % {"name": username})
    return found


def require_party_editor(actor: Any, party: Party) -> None:
    """The joint office or someone who may edit ``party``."""
    if is_office(actor):
        return
    if not Party.objects.editable_by(user_of(actor)).filter(pk=party.pk).exists():
        raise PermissionDenied(_("You may only act for parties in your scope."))


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationFailed(details={field: [message]})
