"""Creating, changing and publishing policies (their first version comes with them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import Cleaned, ParseError, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.listings.search import analyzer
from hicoop.parties.choices import PartyKind
from hicoop.policies import clauses
from hicoop.policies.choices import PolicyStatus, VersionOrigin
from hicoop.policies.models import Policy, PolicyVersion
from hicoop.policies.records import POLICY_ATTRS, VERSION_ATTRS
from hicoop.policies.roles import is_editor
from hicoop.policies.search import index_policy
from hicoop.policies.services import refs, texts
from hicoop.policies.services.versions import check_no_overlap, save_version
from hicoop.policies.transitions import POLICY_WORKFLOW

_SIMPLE = (
    "title",
    "title_en",
    "doc_number",
    "issuing_body",
    "level",
    "category",
    "tags",
    "entity_kinds",
    "sizes",
    "foreign_talent",
    "benefit_summary",
    "benefit_summary_en",
    "benefit_clauses",
    "source_url",
    "source_note",
    "key",
)
_RELATIONS = {
    "issuer": lambda v: refs.party(v),
    "regions": lambda v: refs.parties(v, kinds=[PartyKind.REGION]),
    "parks": lambda v: refs.parties(v, kinds=[PartyKind.PARK]),
    "zones": refs.zones,
    "fields": refs.fields,
}


def require_editor(actor: Any) -> None:
    require_actor(actor)
    if not is_editor(actor):
        raise PermissionDenied(
            _("Only the joint office and the Hainan S&T department edit the catalogue.")
        )


def _resolve(cleaned: Cleaned) -> dict[str, Any]:
    """Parsed values with references turned into records; every problem is collected."""
    resolved = dict(cleaned.values)
    for name, resolve in _RELATIONS.items():
        if name not in resolved or resolved[name] in (None, "", []):
            continue
        try:
            resolved[name] = resolve(resolved[name])
        except ParseError as exc:
            cleaned.add(name, str(exc))
    if resolved.get("benefit_clauses"):
        try:
            resolved["benefit_clauses"] = [
                clauses.normalise_address(a) for a in resolved["benefit_clauses"]
            ]
        except ValueError as exc:
            cleaned.add("benefit_clauses", _("Not a clause address: %(a)s") % {"a": exc})
    if resolved.get("source_url") and not str(resolved["source_url"]).startswith(
        ("http://", "https://")
    ):
        cleaned.add("source_url", _("Enter a link starting with http:// or https://."))
    _check_key(resolved, cleaned)
    return resolved


def _check_key(values: dict[str, Any], cleaned: Cleaned, instance: Policy | None = None) -> None:
    key = values.get("key")
    if not key:
        return
    clash = Policy.objects.filter(key=key)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        cleaned.add("key", _("Another policy already has this external key."))


def parse_policy(data: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    cleaned = clean(POLICY_ATTRS, data, partial=partial)
    values = _resolve(cleaned)
    cleaned.raise_errors()
    if not partial:
        values.setdefault("foreign_talent", "any")
        values["foreign_talent"] = values["foreign_talent"] or "any"
    return values


def parse_version(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = clean(VERSION_ATTRS, data)
    end, start = cleaned.values.get("effective_to"), cleaned.values.get("effective_from")
    if end and start and end < start:
        cleaned.add("effective_to", _("The end date comes before the start date."))
    cleaned.raise_errors()
    return cleaned.values


def _apply(policy: Policy, values: dict[str, Any]) -> None:
    for name in _SIMPLE:
        if name in values:
            setattr(policy, name, values[name] if values[name] is not None else "")
    if values.get("issuer"):
        policy.issuer = values["issuer"]


def _set_relations(policy: Policy, values: dict[str, Any]) -> None:
    for name in ("regions", "parks", "zones", "fields"):
        if name in values:
            getattr(policy, name).set(values[name] or [])


def reindex(policy: Policy) -> None:
    parts = [policy.doc_number, policy.issuer_name, *policy.tags, policy.title_en]
    body = f"{policy.benefit_summary} {policy.benefit_summary_en}"
    policy.search_tokens = index_policy(policy.title, parts, body, analyzer())
    Policy.objects.filter(pk=policy.pk).update(search_tokens=policy.search_tokens)


@transaction.atomic
def create_policy(
    *,
    data: Mapping[str, Any],
    version: Mapping[str, Any],
    actor: Any,
    publish: bool = False,
    is_demo: bool = False,
    prepared: texts.PreparedText | None = None,
) -> Policy:
    """A new policy (a draft unless ``publish``) with its first version and clauses."""
    require_editor(actor)
    values = parse_policy(data)
    version_values = parse_version(version)
    policy = Policy(is_demo=is_demo)
    _apply(policy, values)
    policy.save()
    _set_relations(policy, values)
    prepared = prepared or texts.prepare(version_values.get("full_text") or "")
    first = PolicyVersion(policy=policy, number=1, origin=VersionOrigin.ENACTED)
    _version_fields(first, version_values)
    check_no_overlap(policy, first.effective_from, first.effective_to)
    save_version(first, prepared)
    reindex(policy)
    audit.record(instance=policy, actor=actor, action=AuditAction.CREATE)
    audit.record(instance=first, actor=actor, action=AuditAction.CREATE)
    if publish:
        apply_transition(policy, "publish", actor=actor, workflow=POLICY_WORKFLOW)
    return policy


def _version_fields(version: PolicyVersion, values: dict[str, Any]) -> None:
    version.effective_from = values["effective_from"]
    version.effective_to = values.get("effective_to")
    version.version_date = values.get("version_date")
    version.label = values.get("label") or ""
    version.full_text = values.get("full_text") or ""


@transaction.atomic
def update_policy(
    *, policy: Policy, changes: Mapping[str, Any], actor: Any, reason: str = ""
) -> Policy:
    """Change the catalogue fields of a policy (its text changes only by amendment)."""
    require_editor(actor)
    before = audit.snapshot(policy)
    cleaned = clean(POLICY_ATTRS, changes, partial=True)
    values = _resolve(cleaned)
    _check_key(values, cleaned, policy)
    cleaned.raise_errors()
    _apply(policy, values)
    policy.save()
    _set_relations(policy, values)
    reindex(policy)
    audit.record(
        instance=policy, actor=actor, action=AuditAction.UPDATE, before=before, reason=reason
    )
    return policy


@transaction.atomic
def publish_policy(*, policy: Policy, actor: Any) -> Policy:
    require_editor(actor)
    apply_transition(policy, "publish", actor=actor, workflow=POLICY_WORKFLOW)
    return policy


def current_version(policy: Policy, on: dt.date) -> PolicyVersion | None:
    """The version in force on ``on`` (drafts included: editors read them)."""
    return (
        policy.versions.filter(effective_from__lte=on)
        .exclude(effective_to__lt=on)
        .order_by("-effective_from")
        .first()
    )


def latest_version(policy: Policy) -> PolicyVersion:
    found = policy.versions.order_by("-effective_from", "-pk").first()
    if found is None:
        raise ValidationFailed(_("This policy has no version."))
    return found


def is_active(policy: Policy) -> bool:
    return policy.status == PolicyStatus.ACTIVE
