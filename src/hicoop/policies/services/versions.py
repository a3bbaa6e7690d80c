"""Dated versions: no two versions of a policy overlap; amending, superseding and repealing close
the open version and are workflow steps with a reason and the document that made the change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.inputs import ParseError, as_date, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.policies.choices import PolicyStatus, VersionOrigin
from hicoop.policies.exceptions import OverlappingVersions
from hicoop.policies.models import Policy, PolicyVersion
from hicoop.policies.records import CHANGE_ATTRS
from hicoop.policies.services import texts
from hicoop.policies.transitions import POLICY_WORKFLOW

NO_OVERLAP_CONSTRAINT = "policies_version_no_overlap"


def _span(start: dt.date, end: dt.date | None) -> str:
    until = date_format(end, "Y-m-d") if end else _("open-ended")
    return f"{date_format(start, 'Y-m-d')} – {until}"


def check_no_overlap(
    policy: Policy, start: dt.date, end: dt.date | None, *, exclude: int | None = None
) -> None:
    """The service rule behind the PostgreSQL exclusion constraint (checked on every database)."""
    clash = policy.versions.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
    if end is not None:
        clash = clash.filter(effective_from__lte=end)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    other = clash.order_by("effective_from").first()
    if other is not None:
        raise OverlappingVersions(
            details={
                "effective_from": [
                    _("%(new)s overlaps version %(n)s (%(old)s).")
                    % {
                        "new": _span(start, end),
                        "n": other.number,
                        "old": _span(other.effective_from, other.effective_to),
                    }
                ]
            }
        )


def save_version(version: PolicyVersion, prepared: texts.PreparedText | None = None) -> None:
    """Save a version (and its clauses); the database's own refusal becomes the same clear error."""
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as exc:
        if NO_OVERLAP_CONSTRAINT in str(exc):
            raise OverlappingVersions() from exc
        raise
    if prepared is not None:
        texts.write_clauses(version, prepared)


def parse_change(data: Mapping[str, Any]) -> dict[str, Any]:
    """Reason and document of an amendment, supersession or repeal (both required)."""
    cleaned = clean(CHANGE_ATTRS, data)
    url = cleaned.values.get("document_url") or ""
    if url and not url.startswith(("http://", "https://")):
        cleaned.add("document_url", _("Enter a link starting with http:// or https://."))
    cleaned.raise_errors()
    return cleaned.values


def open_version(policy: Policy) -> PolicyVersion:
    found = policy.versions.filter(effective_to__isnull=True).order_by("-effective_from").first()
    if found is None:
        raise ValidationFailed(_("This policy has no open-ended version to end."))
    return found


def _close(version: PolicyVersion, on: dt.date, actor: Any) -> None:
    """End ``version`` the day before ``on``."""
    if on <= version.effective_from:
        raise ValidationFailed(
            details={
                "effective_from": [
                    _("The date must come after %(d)s, when the current version took effect.")
                    % {"d": date_format(version.effective_from, "Y-m-d")}
                ]
            }
        )
    before = audit.snapshot(version)
    version.effective_to = on - dt.timedelta(days=1)
    version.save(update_fields=["effective_to"])
    audit.record(instance=version, actor=actor, action=AuditAction.UPDATE, before=before)


def _date(raw: Any) -> dt.date:
    try:
        on = as_date(raw)
    except ParseError as exc:
        raise ValidationFailed(details={"on": [str(exc)]}) from exc
    if on is None:
        raise ValidationFailed(
            details={"on": [_("Give the date from which it no longer applies.")]}
        )
    return on


def _event_data(change: dict[str, Any], on: dt.date, **extra: Any) -> dict[str, Any]:
    return {
        "document": change["document"],
        "document_url": change.get("document_url") or "",
        "on": on.isoformat(),
        **extra,
    }


@transaction.atomic
def amend_policy(
    *,
    policy: Policy,
    version: Mapping[str, Any],
    change: Mapping[str, Any],
    actor: Any,
    prepared: texts.PreparedText | None = None,
) -> PolicyVersion:
    """A new version in force from ``version['effective_from']``; the open one ends the day before.
    Owners of records citing the old version are told, with the clause-level differences."""
    from hicoop.policies.services.citations import alert_citations
    from hicoop.policies.services.policies import parse_version, require_editor

    require_editor(actor)
    values = parse_version(version)
    reasons = parse_change(change)
    old = open_version(policy)
    _close(old, values["effective_from"], actor)
    new = PolicyVersion(
        policy=policy,
        number=(policy.versions.order_by("-number").values_list("number", flat=True).first() or 0)
        + 1,
        origin=VersionOrigin.AMENDED,
        change_reason=reasons["reason"],
        change_document=reasons["document"],
        change_document_url=reasons.get("document_url") or "",
    )
    _fill(new, values)
    check_no_overlap(policy, new.effective_from, new.effective_to)
    save_version(new, prepared or texts.prepare(new.full_text))
    audit.record(instance=new, actor=actor, action=AuditAction.CREATE, reason=reasons["reason"])
    apply_transition(
        policy,
        "amend",
        actor=actor,
        reason=reasons["reason"],
        workflow=POLICY_WORKFLOW,
        data=_event_data(reasons, new.effective_from, old_version=old.pk, new_version=new.pk),
    )
    alert_citations(policy=policy, old=old, new=new, actor=actor)
    return new


def _fill(version: PolicyVersion, values: dict[str, Any]) -> None:
    version.effective_from = values["effective_from"]
    version.effective_to = values.get("effective_to")
    version.version_date = values.get("version_date")
    version.label = values.get("label") or ""
    version.full_text = values.get("full_text") or ""


def _end(
    policy: Policy, action: str, on: Any, change: Mapping[str, Any], actor: Any, **extra: Any
) -> PolicyVersion:
    from hicoop.policies.services.policies import require_editor

    require_editor(actor)
    on = _date(on)
    reasons = parse_change(change)
    if policy.status != PolicyStatus.ACTIVE:
        # the workflow kit refuses it with the status; checked first so nothing is closed
        apply_transition(
            policy, action, actor=actor, reason=reasons["reason"], workflow=POLICY_WORKFLOW
        )
    old = open_version(policy)
    _close(old, on, actor)
    apply_transition(
        policy,
        action,
        actor=actor,
        reason=reasons["reason"],
        workflow=POLICY_WORKFLOW,
        data=_event_data(reasons, on, old_version=old.pk, **extra),
        save_fields=["superseded_by"] if "successor" in extra else (),
    )
    return old


@transaction.atomic
def repeal_policy(*, policy: Policy, on: Any, change: Mapping[str, Any], actor: Any) -> Policy:
    """The policy no longer applies from ``on``; a reason and the repealing document are required."""
    from hicoop.policies.services.citations import alert_citations

    old = _end(policy, "repeal", on, change, actor)
    alert_citations(policy=policy, old=old, new=None, actor=actor)
    return policy


@transaction.atomic
def supersede_policy(
    *, policy: Policy, successor: Policy, on: Any, change: Mapping[str, Any], actor: Any
) -> Policy:
    """Another policy takes over from ``on``."""
    from hicoop.policies.services.citations import alert_citations

    if successor.pk == policy.pk:
        raise ValidationFailed(details={"successor": [_("A policy cannot supersede itself.")]})
    policy.superseded_by = successor
    old = _end(policy, "supersede", on, change, actor, successor=successor.pk)
    alert_citations(policy=policy, old=old, new=None, actor=actor, successor=successor)
    return policy
