"""Negative-list versions and their entries: drafting, review, publishing (with notices)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import Transition, apply_transition
from hicoop.policies.models import Policy
from hicoop.talent import occupations
from hicoop.talent.choices import ListStatus
from hicoop.talent.exceptions import VersionFrozen
from hicoop.talent.models import ListEntry, ListVersion
from hicoop.talent.records import ENTRY_ATTRS, VERSION_ATTRS
from hicoop.talent.roles import is_editor
from hicoop.taxonomy.models import IndustryCode


def _require_editor(actor: Any) -> None:
    require_actor(actor)
    if not is_editor(actor):
        raise PermissionDenied(_("Only the joint office's foreign-talent officers may do this."))


def _require_draft(version: ListVersion) -> None:
    if version.status != ListStatus.DRAFT:
        raise VersionFrozen()


@transaction.atomic
def create_version(
    *, data: dict[str, Any], actor: Any, copy_from: ListVersion | None = None
) -> ListVersion:
    """A new draft; with ``copy_from`` its entries start as a copy of that version's."""
    _require_editor(actor)
    cleaned = clean(VERSION_ATTRS, data, strict=False)
    cleaned.raise_errors()
    values = cleaned.values
    if ListVersion.objects.filter(number=values["number"]).exists():
        raise ValidationFailed(details={"number": [_("This version number is taken.")]})
    version = ListVersion.objects.create(**values)
    if copy_from is not None:
        for entry in copy_from.entries.all():
            entry.pk = None
            entry.version = version
            entry.save()
    audit.record(instance=version, actor=actor, action=AuditAction.CREATE)
    return version


@transaction.atomic
def update_version(*, version: ListVersion, data: dict[str, Any], actor: Any) -> ListVersion:
    _require_editor(actor)
    _require_draft(version)
    cleaned = clean(VERSION_ATTRS, data, partial=True, strict=False)
    cleaned.raise_errors()
    before = audit.snapshot(version)
    for name, value in cleaned.values.items():
        setattr(version, name, value)
    if ListVersion.objects.filter(number=version.number).exclude(pk=version.pk).exists():
        raise ValidationFailed(details={"number": [_("This version number is taken.")]})
    version.save()
    audit.record(instance=version, actor=actor, action=AuditAction.UPDATE, before=before)
    return version


def industry_of(code: str) -> IndustryCode:
    found = IndustryCode.objects.filter(code=code.strip().upper()).first()
    if found is None:
        raise ValidationFailed(
            details={"industry": [_("Unknown GB/T 4754 industry code: %(c)s") % {"c": code}]}
        )
    return found


def _policy(pk: int | None) -> Policy | None:
    """A cited record of the policy catalogue, when one is given."""
    if pk is None:
        return None
    found = Policy.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationFailed(details={"policy": [_("No such policy in the catalogue.")]})
    return found


def check_occupation(code: str) -> str:
    if code and not occupations.exists(code):
        raise ValidationFailed(
            details={"occupation": [_("Unknown GB/T 6565 occupation code: %(c)s") % {"c": code}]}
        )
    return code


def _entry_values(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    cleaned = clean(ENTRY_ATTRS, data, partial=partial, strict=False)
    cleaned.raise_errors()
    values = dict(cleaned.values)
    if "industry" in values:
        values["industry"] = industry_of(values["industry"])
    if "occupation" in values:
        check_occupation(values["occupation"])
    if "policy" in values:
        values["policy"] = _policy(values["policy"])
    if values.get("restriction") == "prohibited":
        values["conditions"] = []
    return values


def _save_entry(entry: ListEntry) -> None:
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise ValidationFailed(
            details={
                "code": [
                    _("Another entry of this version has the same number or covers the same scope.")
                ]
            }
        ) from exc


@transaction.atomic
def add_entry(*, version: ListVersion, data: dict[str, Any], actor: Any) -> ListEntry:
    _require_editor(actor)
    _require_draft(version)
    entry = ListEntry(version=version, **_entry_values(data, partial=False))
    _save_entry(entry)
    audit.record(instance=entry, actor=actor, action=AuditAction.CREATE)
    return entry


@transaction.atomic
def change_entry(*, entry: ListEntry, data: dict[str, Any], actor: Any) -> ListEntry:
    _require_editor(actor)
    _require_draft(entry.version)
    before = audit.snapshot(entry)
    for name, value in _entry_values(data, partial=True).items():
        setattr(entry, name, value)
    if entry.restriction == "prohibited":
        entry.conditions = []
    _save_entry(entry)
    audit.record(instance=entry, actor=actor, action=AuditAction.UPDATE, before=before)
    return entry


@transaction.atomic
def remove_entry(*, entry: ListEntry, actor: Any) -> None:
    _require_editor(actor)
    _require_draft(entry.version)
    before = audit.snapshot(entry)
    audit.record(instance=entry, actor=actor, action=AuditAction.DELETE, before=before)
    entry.delete()


def _may(actor: Any) -> Any:
    def may(transition: Transition) -> bool:
        return transition.by != "system" and is_editor(actor)

    return may


@transaction.atomic
def take_action(*, version: ListVersion, action: str, actor: Any, reason: str = "") -> ListVersion:
    """Submit, reopen or publish; publishing supersedes the version in force and tells employers."""
    require_actor(actor)
    if action == "publish":
        return publish(version=version, actor=actor, reason=reason)
    apply_transition(version, action, actor=actor, reason=reason, may=_may(actor))
    return version


def _superseded_by(version: ListVersion) -> list[ListVersion]:
    return list(
        ListVersion.objects.filter(
            status=ListStatus.PUBLISHED,
            effective_from__lt=version.effective_from,
            effective_to__isnull=True,
        ).exclude(pk=version.pk)
    )


@transaction.atomic
def publish(*, version: ListVersion, actor: Any, reason: str) -> ListVersion:
    from hicoop.talent import impact, notices

    _require_editor(actor)
    if not version.entries.exists():
        raise ValidationFailed(details={"entries": [_("A version needs at least one entry.")]})
    clash = ListVersion.objects.filter(
        status__in=(ListStatus.PUBLISHED, ListStatus.SUPERSEDED),
        effective_from__gte=version.effective_from,
    ).exclude(pk=version.pk)
    if clash.exists():
        raise ValidationFailed(
            details={
                "effective_from": [_("A later version is already published; choose a later date.")]
            }
        )
    affected = impact.affected_employers(impact.preview(version))
    apply_transition(version, "publish", actor=actor, reason=reason, may=_may(actor))
    if not version.decision:
        version.decision = reason
        version.save(update_fields=["decision"])
    for old in _superseded_by(version):
        old.effective_to = version.effective_from
        apply_transition(
            old,
            "supersede",
            actor=actor,
            reason=_("Superseded by %(n)s") % {"n": version.number},
            save_fields=["effective_to"],
            data={"by": version.number},
        )
    notices.tell_affected_employers(version=version, employer_ids=affected, actor=actor)
    return version
