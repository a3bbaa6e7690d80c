"""Commendations (表扬): rules as data find candidates; the office approves, edits and publishes.

Each rule kind has one finder returning ``(party, basis)`` pairs. The credit rule reads the
credit ledger's grades; while the ledger is empty it finds nobody and the page says "no credit
data yet" (:func:`rule_note`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.cooperation.choices import ItemStatus
from hicoop.cooperation.models import CooperationItem
from hicoop.core.access import is_office
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.workflow import apply_transition
from hicoop.credit.choices import SubjectKind
from hicoop.credit.models import Subject
from hicoop.evaluation.choices import DataSetStatus, ListStatus, RuleKind, RunStatus
from hicoop.evaluation.models import (
    Commendation,
    CommendationList,
    CommendationRule,
    DataSet,
    EvaluationRun,
    IndicatorValue,
)
from hicoop.parties.models import Party

Found = list[tuple[Party, str]]
Finder = Callable[[CommendationRule, int], Found]
MAX_TEXT = 300


def _published_run(year: int) -> EvaluationRun | None:
    return (
        EvaluationRun.objects.filter(year=year, status=RunStatus.PUBLISHED)
        .order_by("-created_at", "-pk")
        .first()
    )


def top_scores(rule: CommendationRule, year: int) -> Found:
    run = _published_run(year)
    if run is None:
        return []
    top = int(rule.parameters.get("top", 3))
    scores = run.scores.select_related("locality").order_by("rank")[:top]
    return [
        (s.locality, _("Rank %(rank)d, score %(score)s") % {"rank": s.rank, "score": s.score})
        for s in scores
    ]


def ahead_of_plan(rule: CommendationRule, year: int) -> Found:
    """Units on items completed in the year before their last milestone was due."""
    found: dict[int, tuple[Party, str]] = {}
    items = CooperationItem.objects.filter(
        status=ItemStatus.COMPLETED, status_changed_at__year=year
    ).prefetch_related("milestones", "sides__party")
    for item in items.order_by("number"):
        dues = [m.due_on for m in item.milestones.all()]
        if not dues or item.status_changed_at is None or item.status_changed_at.date() >= max(dues):
            continue
        for side in item.sides.all():
            found.setdefault(
                side.party_id,
                (side.party, _("Item %(n)s completed ahead of plan") % {"n": item.number}),
            )
    return list(found.values())


def reports_on_time(rule: CommendationRule, year: int) -> Found:
    run = _published_run(year)
    if run is None:
        return []
    values = IndicatorValue.objects.filter(
        run=run, indicator__code="reports_on_time", value__gte=Decimal(100)
    ).select_related("locality")
    return [
        (v.locality, _("Every progress report on time (%(d)s)") % {"d": v.detail}) for v in values
    ]


GRADE_ORDER = "ABCD"


def has_credit_data() -> bool:
    return Subject.objects.exists()


def credit_grade(rule: CommendationRule, year: int) -> Found:
    """Employers (with a platform party) graded no lower than ``lowest``, nor any of their
    workers; nobody while the credit ledger is empty ("no credit data")."""
    lowest = str(rule.parameters.get("lowest", "B"))
    allowed = GRADE_ORDER[: GRADE_ORDER.index(lowest) + 1] if lowest in GRADE_ORDER else "A"
    employers = Subject.objects.filter(kind=SubjectKind.EMPLOYER, party__isnull=False)
    found: Found = []
    for employer in employers.select_related("party").prefetch_related("workers"):
        grades = {employer.grade, *(w.grade for w in employer.workers.all())}
        if employer.party is not None and grades <= set(allowed):
            found.append(
                (employer.party, _("Credit grades %(g)s") % {"g": "/".join(sorted(grades))})
            )
    return found


def data_approved(rule: CommendationRule, year: int) -> Found:
    sets = DataSet.objects.filter(year=year).select_related("party")
    by_party: dict[int, list[DataSet]] = {}
    for d in sets:
        by_party.setdefault(d.party_id, []).append(d)
    return [
        (ds[0].party, _("All data sets approved and on time"))
        for ds in by_party.values()
        if all(
            d.status == DataSetStatus.LOCKED and d.submitted_on and d.submitted_on <= d.due_on
            for d in ds
        )
    ]


FINDERS: dict[str, Finder] = {
    RuleKind.TOP_SCORES: top_scores,
    RuleKind.AHEAD_OF_PLAN: ahead_of_plan,
    RuleKind.REPORTS_ON_TIME: reports_on_time,
    RuleKind.CREDIT_GRADE: credit_grade,
    RuleKind.DATA_APPROVED: data_approved,
}


def rule_note(rule: CommendationRule) -> str:
    """What a page says beside a rule that cannot find anyone yet."""
    if rule.kind == RuleKind.CREDIT_GRADE and not has_credit_data():
        return _("No credit data yet")
    return ""


def _require_office(actor: Any) -> None:
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office decides commendations."))


@transaction.atomic
def find_candidates(*, year: int, actor: Any, is_demo: bool = False) -> CommendationList:
    """Fill the year's draft list with every candidate the active rules find (kept decisions stay)."""
    _require_office(actor)
    clist, _created = CommendationList.objects.get_or_create(
        year=year, defaults={"is_demo": is_demo}
    )
    if clist.status == ListStatus.PUBLISHED:
        raise Conflict(_("The list is published and can no longer change."))
    for rule in CommendationRule.objects.filter(is_active=True):
        for party, basis in FINDERS[rule.kind](rule, year):
            Commendation.objects.get_or_create(
                list=clist, party=party, rule=rule, defaults={"basis": basis[:MAX_TEXT]}
            )
    return clist


@transaction.atomic
def decide_entry(
    *, entry: Commendation, approved: bool, actor: Any, citation: str = "", reason: str = ""
) -> Commendation:
    """Approve or drop a candidate, or edit its citation; any change of the finding needs a reason."""
    _require_office(actor)
    if entry.list.status == ListStatus.PUBLISHED:
        raise Conflict(_("The list is published and can no longer change."))
    citation, reason = citation.strip(), reason.strip()
    if len(citation) > MAX_TEXT or len(reason) > MAX_TEXT:
        raise ValidationFailed(details={"reason": [_("At most 300 characters.")]})
    edited = bool(citation and citation != entry.basis) or not approved
    if edited and not reason:
        raise ValidationFailed(details={"reason": [_("Give a reason for this change.")]})
    entry.approved = approved
    entry.citation = citation
    entry.edit_reason = reason
    entry.save(update_fields=["approved", "citation", "edit_reason"])
    return entry


@transaction.atomic
def publish_list(*, clist: CommendationList, actor: Any) -> CommendationList:
    if not clist.entries.filter(approved=True).exists():
        raise Conflict(_("Approve at least one candidate before publishing."))
    apply_transition(clist, "publish", actor=actor, may=lambda t: is_office(actor))
    return clist
