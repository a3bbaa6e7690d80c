"""Writing the LawRefBook texts: one transaction, idempotent (a second run changes nothing)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.models import AuditAction
from hicoop.policies.lawrefbook import TextRecord
from hicoop.policies.models import Policy, PolicyVersion
from hicoop.policies.services import texts
from hicoop.policies.services.policies import create_policy, require_editor
from hicoop.policies.services.versions import amend_policy, check_no_overlap, save_version

SOURCE = "LawRefBook/Laws（国家法律法规数据库）"


def _policy_data(record: TextRecord) -> dict[str, Any]:
    return {
        "title": record.title,
        "issuer": record.issuer_key,
        "issuing_body": record.issuing_body,
        "level": record.level,
        "category": record.category,
        "tags": record.tags,
        "regions": [record.region_key] if record.region_key else [],
        "source_note": f"{SOURCE}: {record.source_path}",
        "key": record.key,
    }


def _version_data(record: TextRecord) -> dict[str, Any]:
    return {
        "effective_from": record.effective_from,
        "version_date": record.version_date,
        "label": _("Text of %(d)s")
        % {"d": (record.version_date or record.effective_from).isoformat()},
        "full_text": record.full_text,
    }


def _prepared(record: TextRecord) -> texts.PreparedText:
    if record.prepared is None:
        record.prepared = texts.prepare(record.full_text)
    return record.prepared


def _replace_text(version: PolicyVersion, record: TextRecord, actor: Any) -> None:
    before = audit.snapshot(version)
    version.full_text, version.source_sha = record.full_text, record.sha
    version.source_path = record.source_path
    version.save(update_fields=["full_text", "source_sha", "source_path"])
    texts.write_clauses(version, _prepared(record))
    audit.record(instance=version, actor=actor, action=AuditAction.UPDATE, before=before)


def _stamp(version: PolicyVersion, record: TextRecord) -> None:
    version.source_sha, version.source_path = record.sha, record.source_path
    version.save(update_fields=["source_sha", "source_path"])


def _insert_earlier(policy: Policy, record: TextRecord, actor: Any) -> None:
    """A text older than those stored: it applies until the next version starts."""
    following = (
        policy.versions.filter(effective_from__gt=record.effective_from)
        .order_by("effective_from")
        .first()
    )
    end = following.effective_from - dt.timedelta(days=1) if following else None
    check_no_overlap(policy, record.effective_from, end)
    number = (policy.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PolicyVersion(
        policy=policy,
        number=number,
        origin="imported",
        effective_from=record.effective_from,
        effective_to=end,
        version_date=record.version_date,
        label=_version_data(record)["label"],
        full_text=record.full_text,
        source_sha=record.sha,
        source_path=record.source_path,
    )
    save_version(version, _prepared(record))
    audit.record(instance=version, actor=actor, action=AuditAction.CREATE)


def _one_version(policy: Policy, record: TextRecord, actor: Any, counts: dict[str, int]) -> None:
    if policy.versions.filter(source_sha=record.sha).exists():
        counts["unchanged"] += 1
        return
    same_day = policy.versions.filter(effective_from=record.effective_from).first()
    if same_day is not None:
        _replace_text(same_day, record, actor)
        counts["updated"] += 1
        return
    latest = policy.versions.order_by("-effective_from").first()
    if (
        latest is not None
        and record.effective_from > latest.effective_from
        and latest.effective_to is None
    ):
        change = {
            "reason": _("Revised text in the national database of laws and regulations"),
            "document": f"{record.title}（{(record.version_date or record.effective_from).isoformat()}）",
        }
        new = amend_policy(
            policy=policy,
            version=_version_data(record),
            change=change,
            actor=actor,
            prepared=_prepared(record),
        )
        _stamp(new, record)
    else:
        _insert_earlier(policy, record, actor)
    counts["versions"] += 1


@transaction.atomic
def import_texts(*, records: list[TextRecord], actor: Any) -> dict[str, int]:
    """Create or bring up to date one policy per title and region, one version per text."""
    require_editor(actor)
    counts = {"policies": 0, "versions": 0, "updated": 0, "unchanged": 0, "clauses": 0}
    grouped: dict[str, list[TextRecord]] = defaultdict(list)
    for record in records:
        grouped[record.key].append(record)
    for key, group in grouped.items():
        group.sort(key=lambda r: r.effective_from)
        policy = Policy.objects.filter(key=key).first()
        if policy is None:
            first = group.pop(0)
            policy = create_policy(
                data=_policy_data(first),
                version=_version_data(first),
                actor=actor,
                publish=True,
                prepared=_prepared(first),
            )
            _stamp(policy.versions.get(number=1), first)
            counts["policies"] += 1
        for record in group:
            _one_version(policy, record, actor, counts)
    counts["clauses"] = sum(len(r.prepared.parsed.clauses) for r in records if r.prepared)
    return counts
