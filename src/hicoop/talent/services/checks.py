"""The checker (same answer for UI, API and CLI), the A/B/C estimate and employers' pre-checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.actors import require_actor, stored_name, user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.inputs import clean
from hicoop.engine import worklist
from hicoop.parties.models import Party
from hicoop.talent import extensions
from hicoop.talent.models import PreCheck
from hicoop.talent.records import CHECK_ATTRS, POINT_ATTRS
from hicoop.talent.roles import is_editor, member_party_ids
from hicoop.talent.rules import industry_ancestry, policy_of, rule_dict, rules_of
from hicoop.talent.selectors import in_force, points_table
from hicoop.talent.services.lists import check_occupation, industry_of
from hicoop.talent.uscc import normalise, uscc_problem

FACTOR_LABELS = {
    "salary": gettext_lazy("Annual salary"),
    "education": gettext_lazy("Education"),
    "experience": gettext_lazy("Relevant experience"),
    "working_months": gettext_lazy("Annual working time"),
    "chinese": gettext_lazy("Chinese level"),
    "region": gettext_lazy("Workplace region"),
    "age": gettext_lazy("Age"),
    "bonuses": gettext_lazy("Bonuses (university, Fortune 500)"),
    "local_bonus": gettext_lazy("Local bonus"),
}


@dataclass(frozen=True)
class CheckResult:
    decision: str
    trace: dict[str, Any]
    precheck: PreCheck | None = None


def _employer(uscc: str) -> Party | None:
    if not uscc:
        return None
    return Party.objects.filter(credit_code=uscc).order_by("pk").first()


def _party_uscc(pk: int | None) -> str:
    """The USCC of an employer given as a party of the registry."""
    if pk is None:
        return ""
    found = Party.objects.filter(pk=pk).values_list("credit_code", flat=True).first()
    if found is None:
        raise ValidationFailed(details={"employer": [_("No such organisation.")]})
    if not found:
        raise ValidationFailed(
            details={"employer": [_("This organisation has no unified social credit code.")]}
        )
    return normalise(found)


def _clean_uscc(raw: str) -> str:
    code = normalise(raw or "")
    if code and uscc_problem(code):
        raise ValidationFailed(
            details={"employer_uscc": [_("This unified social credit code is not valid.")]}
        )
    return code


def _version_dict(version: Any) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "id": version.pk,
        "number": version.number,
        "title": version.display_title,
        "document": version.document,
        "effective_from": version.effective_from.isoformat(),
        "effective_to": version.effective_to.isoformat() if version.effective_to else None,
    }


def decide(
    *, industry: str, occupation: str = "", position_kind: str = "", on: dt.date, uscc: str = ""
) -> CheckResult:
    """The decision and trace for a position on a date (no write)."""
    code = industry_of(industry)
    check_occupation(occupation)
    version = in_force(on)
    rules = rules_of(version) if version else []
    position = worklist.Position(industry_ancestry(code), occupation, position_kind)
    found = worklist.decide(rules, position)
    by_code = {r.code: r for r in rules}
    trace = {
        "on": on.isoformat(),
        "version": _version_dict(version),
        "position": {
            "industry": code.code,
            "industries": list(position.industries),
            "occupation": occupation,
            "position_kind": position_kind,
        },
        "examined": [
            {
                "code": e.code,
                "matched": e.matched,
                "reason": e.reason,
                "entry": rule_dict(by_code[e.code]),
            }
            for e in found.examined
        ],
        "deciding": rule_dict(found.deciding),
        "legal_reference": found.deciding.legal_reference if found.deciding else "",
        "policy": policy_of(version.entries.select_related("policy"), found.deciding.code)
        if version is not None and found.deciding is not None
        else None,
        "conditions": list(found.conditions),
        "employer_uscc": uscc,
        "employer_grade": extensions.employer_grade(uscc),
    }
    return CheckResult(found.decision, trace)


def check(*, data: dict[str, Any], actor: Any, today: dt.date | None = None) -> CheckResult:
    """Parse the input, decide, and store a self pre-check when asked (``save``)."""
    require_actor(actor)
    cleaned = clean(CHECK_ATTRS, data, strict=False)
    cleaned.raise_errors()
    v = cleaned.values
    uscc = _clean_uscc(v.get("employer_uscc", "")) or _party_uscc(v.get("employer"))
    on = v.get("on") or today or timezone.localdate()
    result = decide(
        industry=v["industry"],
        occupation=v.get("occupation", ""),
        position_kind=v.get("position_kind", ""),
        on=on,
        uscc=uscc,
    )
    if v.get("save"):
        stored = store_precheck(
            result=result, uscc=uscc, position_title=v.get("position_title", ""), actor=actor
        )
        return CheckResult(result.decision, result.trace, stored)
    return result


@transaction.atomic
def store_precheck(*, result: CheckResult, uscc: str, position_title: str, actor: Any) -> PreCheck:
    """A pre-check is stored for the employer the actor belongs to (or any, for officers)."""
    employer = _employer(uscc)
    if not uscc:
        raise ValidationFailed(
            details={"employer_uscc": [_("Give the employer's code to store a pre-check.")]}
        )
    if not is_editor(actor) and (employer is None or employer.pk not in member_party_ids(actor)):
        raise PermissionDenied(_("You may store pre-checks only for your own organisation."))
    trace = result.trace
    from hicoop.taxonomy.models import IndustryCode

    return PreCheck.objects.create(
        employer=employer,
        employer_uscc=uscc,
        industry=IndustryCode.objects.get(code=trace["position"]["industry"]),
        occupation=trace["position"]["occupation"],
        position_kind=trace["position"]["position_kind"],
        position_title=position_title,
        on=dt.date.fromisoformat(trace["on"]),
        version_id=(trace["version"] or {}).get("id"),
        decision=result.decision,
        trace=trace,
        actor_name=stored_name(actor) if user_of(actor) is None else user_of(actor).get_username(),
    )


def estimate(*, data: dict[str, Any], on: dt.date | None = None) -> dict[str, Any]:
    """The A/B/C estimate with each factor's points, from the points table in force."""
    cleaned = clean(POINT_ATTRS, data, partial=True, strict=True)
    cleaned.raise_errors()
    day = on or timezone.localdate()
    table_row = points_table(day)
    if table_row is None:
        raise ValidationFailed(details={"points": [_("No points table is loaded.")]})
    table = worklist.table_from_data(table_row.data)
    answers = {k: v for k, v in cleaned.values.items() if v not in (None, "", [])}
    result = worklist.score(table, answers)
    return {
        "table": table_row.version,
        "total": result.total,
        "grade": result.grade,
        "thresholds": {"A": table.a_min, "B": table.b_min},
        "factors": [
            {
                "code": f.code,
                "label": str(FACTOR_LABELS.get(f.code, f.code)),
                "answer": f.answer,
                "points": f.points,
                "cap": c.cap,
            }
            for f, c in zip(result.factors, table.factors, strict=True)
        ],
    }
