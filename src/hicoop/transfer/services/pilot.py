"""The ownership-rights pilot: pilot institutions and grants to researchers, checked against
``rules.RULES`` (shares ≤ 100 % per achievement, use rights ≥ 10 years, institution approval)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import can_edit, is_office, require_office
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import PermissionDenied
from hicoop.core.inputs import Cleaned, ParseError, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import OFFICE, Transition, apply_transition
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.transfer.choices import GrantStatus, RightKind
from hicoop.transfer.exceptions import GrantRuleBroken
from hicoop.transfer.models import Grant, GrantShare, PilotInstitution
from hicoop.transfer.records import GRANT_ATTRS, INSTITUTION_ATTRS
from hicoop.transfer.rules import RULES
from hicoop.transfer.services import refs

_SHARE = re.compile(r"^(.+?)[\s:：=]+([0-9０-９.．]+)\s*[%％]?$")
COUNTED = (GrantStatus.PROPOSED, GrantStatus.APPROVED)
CENT = Decimal("0.01")


@transaction.atomic
def add_institution(
    *, data: Mapping[str, Any], actor: Any, is_demo: bool = False
) -> PilotInstitution:
    """Admit a Hainan unit to the pilot (the joint office's step)."""
    require_actor(actor)
    require_office(actor)
    cleaned = clean(INSTITUTION_ATTRS, data)
    party = _party(cleaned)
    cleaned.raise_errors()
    assert party is not None
    if PilotInstitution.objects.filter(party=party).exists():
        cleaned.add("party", _("This unit is already in the pilot."))
        cleaned.raise_errors()
    values = cleaned.values
    institution = PilotInstitution.objects.create(
        party=party,
        joined_on=values["joined_on"],
        document=values.get("document") or "",
        note=values.get("note") or "",
        is_demo=is_demo,
    )
    audit.record(instance=institution, actor=actor, action=AuditAction.CREATE)
    return institution


def _party(cleaned: Cleaned) -> Party | None:
    try:
        party = refs.party(cleaned.values.get("party") or "")
    except ParseError as exc:
        cleaned.add("party", str(exc))
        return None
    if party.kind != PartyKind.UNIT or not refs.in_hainan(party):
        cleaned.add(
            "party", _("Pilot institutions are Hainan units (universities, institutes, hospitals).")
        )
    return party


def parse_shares(entries: list[str]) -> list[tuple[str, Decimal]]:
    """``["张三 60", "李四：40%"]`` → names and percentages."""
    out = []
    for entry in entries:
        match = _SHARE.match(entry.strip())
        if match is None:
            raise ParseError(_("Write each researcher as 'name share', e.g. 张三 60."))
        digits = (
            match.group(2)
            .replace("．", ".")
            .translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        )
        try:
            share = Decimal(digits)
        except InvalidOperation as exc:
            raise ParseError(_("Write each researcher as 'name share', e.g. 张三 60.")) from exc
        if not Decimal(0) < share <= Decimal(100):
            raise ParseError(_("A share is more than 0 and at most 100 %."))
        out.append((match.group(1).strip()[:100], share.quantize(Decimal("0.01"))))
    return out


def _granted_elsewhere(values: dict[str, Any]) -> Decimal:
    others = Grant.objects.filter(status__in=COUNTED)
    if values.get("achievement") is not None:
        others = others.filter(achievement=values["achievement"])
    else:
        others = others.filter(
            achievement__isnull=True,
            achievement_title=values["achievement_title"],
            institution=values["institution"],
        )
    total = GrantShare.objects.filter(grant__in=others).aggregate(total=Sum("share"))["total"]
    return Decimal(total or 0)


def check_rules(values: dict[str, Any]) -> dict[str, list[str]]:
    """Every pilot rule the grant breaks, by field (empty when it keeps them all)."""
    broken: dict[str, list[str]] = {}
    if (
        values["right"] == RightKind.LONG_TERM_USE
        and (values.get("term_years") or 0) < RULES.min_use_years
    ):
        broken["term_years"] = [
            _("A long-term use right is granted for no less than %(n)d years.")
            % {"n": RULES.min_use_years}
        ]
    new = sum((share for _name, share in values["shares"]), Decimal(0))
    before = _granted_elsewhere(values)
    if before + new > RULES.max_total_share:
        broken["shares"] = [
            _(
                "The researchers' shares of one achievement may not exceed %(max)s %%: "
                "%(before)s %% already granted, %(new)s %% asked."
            )
            % {
                "max": RULES.max_total_share,
                "before": before.quantize(CENT),
                "new": new.quantize(CENT),
            }
        ]
    return broken


def _grant_values(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = clean(GRANT_ATTRS, data)
    values = cleaned.values
    for name, resolve in (("institution", _institution), ("achievement", refs.achievement)):
        raw = values.get(name)
        try:
            values[name] = resolve(raw) if raw else None
        except ParseError as exc:
            cleaned.add(name, str(exc))
    try:
        values["shares"] = parse_shares(values.get("shares") or [])
    except ParseError as exc:
        cleaned.add("shares", str(exc))
    if not values.get("achievement_title") and values.get("achievement") is not None:
        values["achievement_title"] = values["achievement"].title
    if not values.get("achievement_title") and "achievement_title" not in cleaned.errors:
        cleaned.add("achievement_title", _("Choose a listed achievement or give its title."))
    cleaned.raise_errors()
    return values


def _institution(ref: Any) -> PilotInstitution:
    party = refs.party(ref)
    found = PilotInstitution.objects.filter(party=party).first()
    if found is None:
        raise ParseError(_("%(name)s is not a pilot institution.") % {"name": party.name})
    return found


@transaction.atomic
def propose_grant(
    *, data: Mapping[str, Any], actor: Any, is_demo: bool = False, keep_refused: bool = False
) -> Grant:
    """Record a grant awaiting the institution's approval; refused when it breaks a rule.

    ``keep_refused`` stores a rule-breaking grant as refused (with the broken rules as the
    reason) instead of raising, so the pilot's record shows the attempt.
    """
    require_actor(actor)
    values = _grant_values(data)
    institution = values["institution"]
    if not (is_office(actor) or can_edit(institution, actor)):
        raise PermissionDenied(_("Only the institution or the joint office records its grants."))
    broken = check_rules(values)
    if broken and not keep_refused:
        raise GrantRuleBroken(details=broken)
    grant = Grant.objects.create(
        institution=institution,
        achievement=values.get("achievement"),
        achievement_title=values["achievement_title"],
        right=values["right"],
        term_years=values.get("term_years"),
        document=values.get("document") or "",
        is_demo=is_demo,
    )
    GrantShare.objects.bulk_create(
        GrantShare(grant=grant, researcher=name, share=share) for name, share in values["shares"]
    )
    audit.record(instance=grant, actor=actor, action=AuditAction.CREATE)
    if broken:
        reason = " ".join(m for messages in broken.values() for m in messages)
        apply_transition(grant, "refuse", actor=actor, reason=reason, data={"rules": broken})
    return grant


@transaction.atomic
def decide_grant(
    *,
    grant: Grant,
    approve: bool,
    actor: Any,
    reason: str = "",
    on: dt.date | None = None,
    document: str = "",
) -> Grant:
    """The institution's approval step (or its refusal, with a reason)."""
    require_actor(actor)
    fields: list[str] = []
    if approve:
        grant.approved_on = on or dt.date.today()
        grant.document = (document or grant.document)[:200]
        fields = ["approved_on", "document"]

    def may(step: Transition) -> bool:
        if step.by == OFFICE:
            return is_office(actor)
        return is_office(actor) or can_edit(grant.institution, actor)

    apply_transition(
        grant,
        "approve" if approve else "refuse",
        actor=actor,
        reason=reason,
        may=may,
        save_fields=fields,
    )
    return grant


def holder_names(grant: Grant) -> list[str]:
    return [s.researcher for s in grant.shares.all()]
