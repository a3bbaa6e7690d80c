"""Saved "what applies to me" profiles of a unit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.actors import require_actor, user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction
from hicoop.parties.models import Party
from hicoop.policies.models import SavedProfile
from hicoop.policies.roles import is_editor, member_party_ids


def _require_member(party: Party, actor: Any) -> None:
    require_actor(actor)
    if not (is_editor(actor) or party.pk in member_party_ids(actor)):
        raise PermissionDenied(_("Profiles are saved for your own organisation."))


@transaction.atomic
def save_profile(*, party: Party, name: str, params: Mapping[str, Any], actor: Any) -> SavedProfile:
    """Save (or replace) the profile ``name`` of ``party``; ``params`` are checked first."""
    from hicoop.policies.selectors import profile_from_params

    _require_member(party, actor)
    name = " ".join((name or "").split())
    if not name or len(name) > 100:
        raise ValidationFailed(details={"name": [_("Give a name of at most 100 characters.")]})
    profile_from_params(params)  # refuses unknown parks, fields … with clear messages
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    found = SavedProfile.objects.filter(party=party, name=name).first()
    if found is not None:
        before = audit.snapshot(found)
        found.params = clean
        found.save()
        audit.record(instance=found, actor=actor, action=AuditAction.UPDATE, before=before)
        return found
    saved = SavedProfile.objects.create(
        party=party, name=name, params=clean, created_by=user_of(actor)
    )
    audit.record(instance=saved, actor=actor, action=AuditAction.CREATE)
    return saved


@transaction.atomic
def delete_profile(*, profile: SavedProfile, actor: Any) -> None:
    _require_member(profile.party, actor)
    before = audit.snapshot(profile)
    pk = profile.pk
    profile.delete()
    profile.pk = pk
    audit.record(instance=profile, actor=actor, action=AuditAction.DELETE, before=before)
