"""Yearly catalogue editions: draft → reviewed → published (then frozen)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.exceptions import Conflict, ValidationFailed
from hicoop.core.inputs import clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.policies.choices import EditionStatus, PolicyStatus
from hicoop.policies.exceptions import EditionFrozen
from hicoop.policies.models import Edition, EditionEntry, Policy, PolicyVersion
from hicoop.policies.records import EDITION_ATTRS, ENTRY_ATTRS
from hicoop.policies.services.policies import current_version, require_editor
from hicoop.policies.transitions import EDITION_WORKFLOW


def _require_open(edition: Edition) -> None:
    if edition.status == EditionStatus.PUBLISHED:
        raise EditionFrozen()


@transaction.atomic
def create_edition(*, data: Mapping[str, Any], actor: Any) -> Edition:
    require_editor(actor)
    cleaned = clean(EDITION_ATTRS, data)
    year = cleaned.values.get("year")
    if year and Edition.objects.filter(year=year).exists():
        cleaned.add("year", _("There is already an edition for this year."))
    cleaned.raise_errors()
    values = {k: v or "" for k, v in cleaned.values.items()}
    values["year"], values["as_of"] = cleaned.values["year"], cleaned.values["as_of"]
    edition = Edition.objects.create(**values)
    audit.record(instance=edition, actor=actor, action=AuditAction.CREATE)
    return edition


@transaction.atomic
def update_edition(*, edition: Edition, changes: Mapping[str, Any], actor: Any) -> Edition:
    require_editor(actor)
    _require_open(edition)
    cleaned = clean(EDITION_ATTRS, changes, partial=True)
    year = cleaned.values.get("year")
    if year and Edition.objects.filter(year=year).exclude(pk=edition.pk).exists():
        cleaned.add("year", _("There is already an edition for this year."))
    cleaned.raise_errors()
    before = audit.snapshot(edition)
    for name, value in cleaned.values.items():
        setattr(edition, name, value if value is not None or name == "year" else "")
    edition.save()
    audit.record(instance=edition, actor=actor, action=AuditAction.UPDATE, before=before)
    return edition


def _entry_values(data: Mapping[str, Any], partial: bool) -> dict[str, Any]:
    cleaned = clean(ENTRY_ATTRS, data, partial=partial)
    cleaned.raise_errors()
    return cleaned.values


@transaction.atomic
def add_entry(
    *,
    edition: Edition,
    policy: Policy,
    actor: Any,
    data: Mapping[str, Any] | None = None,
    version: PolicyVersion | None = None,
) -> EditionEntry:
    """List ``policy`` in the edition with the version in force on the edition's date."""
    require_editor(actor)
    _require_open(edition)
    values = _entry_values(data or {}, partial=True)
    if policy.status == PolicyStatus.DRAFT:
        raise ValidationFailed(details={"policy": [_("Publish the policy before listing it.")]})
    version = version or current_version(policy, edition.as_of)
    if version is None or version.policy_id != policy.pk:
        raise ValidationFailed(
            details={"policy": [_("The policy has no version in force on the edition's date.")]}
        )
    if edition.entries.filter(policy=policy).exists():
        raise Conflict(_("This policy is already in the edition."))
    entry = EditionEntry.objects.create(
        edition=edition,
        policy=policy,
        version=version,
        category=values.get("category") or policy.category,
        summary=values.get("summary") or policy.benefit_summary,
        summary_en=values.get("summary_en") or policy.benefit_summary_en,
        position=values.get("position") or edition.entries.count() + 1,
    )
    audit.record(instance=entry, actor=actor, action=AuditAction.CREATE)
    return entry


@transaction.atomic
def update_entry(*, entry: EditionEntry, changes: Mapping[str, Any], actor: Any) -> EditionEntry:
    require_editor(actor)
    _require_open(entry.edition)
    values = _entry_values(changes, partial=True)
    before = audit.snapshot(entry)
    for name, value in values.items():
        if name == "category" and not value:
            continue
        setattr(entry, name, value if value is not None else ("" if name != "position" else 0))
    entry.save()
    audit.record(instance=entry, actor=actor, action=AuditAction.UPDATE, before=before)
    return entry


@transaction.atomic
def remove_entry(*, entry: EditionEntry, actor: Any) -> None:
    require_editor(actor)
    _require_open(entry.edition)
    before = audit.snapshot(entry)
    pk = entry.pk
    entry.delete()
    entry.pk = pk
    audit.record(instance=entry, actor=actor, action=AuditAction.DELETE, before=before)


@transaction.atomic
def start_from(*, edition: Edition, previous: Edition, actor: Any) -> int:
    """Fill a draft edition with last year's policies at the versions in force on its date."""
    require_editor(actor)
    _require_open(edition)
    added = 0
    for old in previous.entries.select_related("policy").order_by("category", "position", "pk"):
        if edition.entries.filter(policy=old.policy).exists():
            continue
        version = current_version(old.policy, edition.as_of)
        if version is None or old.policy.status == PolicyStatus.DRAFT:
            continue  # no longer in force: it drops out of the new edition
        add_entry(
            edition=edition,
            policy=old.policy,
            version=version,
            actor=actor,
            data={"category": old.category, "summary": old.summary, "summary_en": old.summary_en},
        )
        added += 1
    return added


@transaction.atomic
def transition_edition(*, edition: Edition, action: str, actor: Any, reason: str = "") -> Edition:
    require_editor(actor)
    fields: list[str] = []
    if action == "publish":
        if not edition.entries.exists():
            raise ValidationFailed(
                _("An edition needs at least one policy before it is published.")
            )
        edition.published_on = timezone.localdate()
        fields.append("published_on")
    apply_transition(
        edition, action, actor=actor, reason=reason, workflow=EDITION_WORKFLOW, save_fields=fields
    )
    return edition
