"""Records citing a policy version or clause, and the alert their owners get when it changes."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import can_edit
from hicoop.core.actors import require_actor, stored_name, user_of
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction
from hicoop.core.notifications import bilingual, in_languages, notify
from hicoop.policies import clauses, diffing
from hicoop.policies.choices import PolicyStatus
from hicoop.policies.citables import citable_for
from hicoop.policies.exceptions import UnknownClause
from hicoop.policies.models import Citation, Clause, Policy, PolicyVersion
from hicoop.policies.notices import CITED_AMENDED, CITED_REPEALED, CITED_SUPERSEDED

MAX_DIFF_TEXT = 480
_ARTICLE_PART = re.compile(r"^(第[^条]+条(?:之[^第]+)?)")


def _require_citable(record: models.Model, actor: Any) -> None:
    require_actor(actor)
    if citable_for(record) is None:
        raise ValidationFailed(_("This kind of record cannot cite policies."))
    if not can_edit(record, actor):
        raise PermissionDenied(_("This record is outside your scope."))


def find_clause(version: PolicyVersion, address: str) -> Clause:
    try:
        wanted = clauses.normalise_address(address)
    except ValueError as exc:
        raise UnknownClause(
            details={"clause": [_("Not a clause address: %(a)s") % {"a": address}]}
        ) from exc
    found = version.clauses.filter(address=wanted).first()
    if found is None:
        raise UnknownClause(
            details={"clause": [_("No clause %(a)s in this version.") % {"a": wanted}]}
        )
    return found


@transaction.atomic
def cite(
    *,
    record: models.Model,
    policy: Policy,
    actor: Any,
    version: PolicyVersion | None = None,
    clause: str = "",
    note: str = "",
) -> Citation:
    """``record`` cites ``policy`` (its version in force today unless given), or one clause of it."""
    _require_citable(record, actor)
    if policy.status == PolicyStatus.DRAFT:
        raise ValidationFailed(details={"policy": [_("A draft policy cannot be cited.")]})
    if version is None:
        from hicoop.policies.services.policies import current_version

        version = current_version(policy, timezone.localdate())
        if version is None:
            raise ValidationFailed(details={"policy": [_("This policy is not in force today.")]})
    elif version.policy_id != policy.pk:
        raise ValidationFailed(details={"version": [_("This version belongs to another policy.")]})
    if len(note) > 500:
        raise ValidationFailed(details={"note": [_("At most %(n)d characters.") % {"n": 500}]})
    found = find_clause(version, clause) if clause.strip() else None
    content_type = ContentType.objects.get_for_model(type(record))
    if Citation.objects.filter(
        content_type=content_type, object_id=record.pk, version=version, clause=found
    ).exists():
        raise Conflict(_("This record already cites that version or clause."))
    citation = Citation.objects.create(
        content_type=content_type,
        object_id=record.pk,
        policy=policy,
        version=version,
        clause=found,
        note=note.strip(),
        created_by=user_of(actor),
        created_by_name=stored_name(actor),
    )
    audit.record(instance=citation, actor=actor, action=AuditAction.CREATE)
    return citation


@transaction.atomic
def remove_citation(*, citation: Citation, actor: Any) -> None:
    record = citation.content_type.get_object_for_this_type(pk=citation.object_id)
    _require_citable(record, actor)
    before = audit.snapshot(citation)
    pk = citation.pk
    citation.delete()
    citation.pk = pk
    audit.record(instance=citation, actor=actor, action=AuditAction.DELETE, before=before)


def article_sides(version: PolicyVersion) -> list[diffing.Side]:
    rows = version.clauses.filter(kind="article").order_by("ordinal").values_list("address", "text")
    return [diffing.Side(address, text) for address, text in rows]


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clause_change(changes: list[diffing.ClauseChange], address: str) -> str:
    """One cited article's change as text: its new address and what was taken out and put in."""
    match = _ARTICLE_PART.match(address)
    wanted = match.group(1) if match else address
    for change in changes:
        if change.old is None or change.old.address != wanted:
            continue
        if change.status == "removed":
            return _("%(a)s was removed.") % {"a": wanted}
        if change.status == "unchanged":
            return _("%(a)s is unchanged (now %(b)s).") % {
                "a": wanted,
                "b": change.new.address if change.new else wanted,
            }
        cut = "".join(p.text for p in change.pieces if p.op == "delete")
        put = "".join(p.text for p in change.pieces if p.op == "insert")
        return _("%(a)s (now %(b)s) changed: removed “%(cut)s”, added “%(put)s”.") % {
            "a": wanted,
            "b": change.new.address if change.new else wanted,
            "cut": _clip(cut),
            "put": _clip(put),
        }
    return _("%(a)s is not in the cited version.") % {"a": wanted}


def _version_change(changes: list[diffing.ClauseChange]) -> str:
    marks = {"changed": "~", "added": "+", "removed": "−"}
    touched = [f"{marks[c.status]}{c.address}" for c in changes if c.status in marks]
    counts = diffing.summary(changes)
    head = _("%(c)d changed, %(a)d added, %(r)d removed:") % {
        "c": counts["changed"],
        "a": counts["added"],
        "r": counts["removed"],
    }
    return _clip(f"{head} {' '.join(touched)}", MAX_DIFF_TEXT)


def diff_text(citation: Citation, changes: list[diffing.ClauseChange]) -> str:
    if citation.clause is not None:
        return _clip(_clause_change(changes, citation.clause.address), MAX_DIFF_TEXT)
    return _version_change(changes)


def alert_citations(
    *,
    policy: Policy,
    old: PolicyVersion,
    new: PolicyVersion | None,
    actor: Any,
    successor: Policy | None = None,
) -> int:
    """Notify the owners of every record citing ``old`` (in the caller's transaction)."""
    cited = list(Citation.objects.filter(version=old).select_related("clause", "content_type"))
    if not cited:
        return 0
    changes = diffing.compare(article_sides(old), article_sides(new)) if new else []
    for citation in cited:
        _alert_one(citation, policy, old, new, changes, actor, successor)
    Citation.objects.filter(pk__in=[c.pk for c in cited]).update(alerted_at=timezone.now())
    return len(cited)


def _notice_params(
    citation: Citation, policy: Policy, old: PolicyVersion, record: Any
) -> dict[str, Any]:
    """The policy, the citing record and what it cites, each stored in every language."""

    def cited() -> str:
        if citation.clause is not None:
            return str(citation.clause.address)
        return _("version %(n)d") % {"n": old.number}

    return {
        "policy": bilingual(policy.title, policy.title_en),
        "record": in_languages(lambda: str(record)),
        "cited": in_languages(cited),
    }


def _alert_one(
    citation: Citation,
    policy: Policy,
    old: PolicyVersion,
    new: PolicyVersion | None,
    changes: list[diffing.ClauseChange],
    actor: Any,
    successor: Policy | None,
) -> None:
    record = citation.content_type.get_object_for_this_type(pk=citation.object_id)
    citable = citable_for(record)
    if citable is None:
        return
    params = _notice_params(citation, policy, old, record)
    if new is not None:
        kind, url = (
            CITED_AMENDED,
            reverse("policies:diff", args=[policy.pk, old.number, new.number]),
        )
        params.update(
            date=new.effective_from.isoformat(),
            diff=in_languages(lambda: diff_text(citation, changes)),
        )
    elif successor is not None:
        kind, url = CITED_SUPERSEDED, reverse("policies:detail", args=[successor.pk])
        params.update(
            date=(old.effective_to or old.effective_from).isoformat(),
            successor=bilingual(successor.title, successor.title_en),
        )
    else:
        kind, url = CITED_REPEALED, reverse("policies:detail", args=[policy.pk])
        params.update(date=(old.effective_to or old.effective_from).isoformat())
    notify(
        recipients=citable.owners(record),
        kind=kind,
        params=params,
        actor=actor,
        url=url,
        target=record,
    )
