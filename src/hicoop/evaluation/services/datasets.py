"""Data sets: reported indicator values per party and period, checked on entry, submitted,
approved by the region coordinator, approved and locked by the joint office, unlocked with a
reason; every change of values is audited."""

from __future__ import annotations

import datetime as dt
import operator as op
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.core import audit
from hicoop.core.access import is_office
from hicoop.core.actors import SystemActor, user_of
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction
from hicoop.core.workflow import OFFICE, OWNER, Transition, apply_transition
from hicoop.evaluation.choices import DataSetStatus, Importance, Period, Source
from hicoop.evaluation.models import DataSet, Indicator, ValidationRule
from hicoop.evaluation.transitions import COORDINATOR
from hicoop.parties.models import Party

MAX_VALUE = Decimal("1000000000000")
OPERATORS = {"le": op.le, "lt": op.lt, "ge": op.ge, "gt": op.gt, "eq": op.eq, "ne": op.ne}


@dataclass(frozen=True)
class RuleFailure:
    rule: ValidationRule
    left: Decimal
    right: Decimal

    @property
    def blocks(self) -> bool:
        return self.rule.importance == Importance.HIGH


def reported_indicators() -> list[Indicator]:
    return list(Indicator.objects.filter(source=Source.REPORTED))


def _side(expr: str, values: Mapping[str, Any]) -> Decimal | None:
    try:
        return Decimal(expr)
    except InvalidOperation:
        raw = values.get(expr.strip())
        return None if raw in (None, "") else Decimal(str(raw))


def check_rules(values: Mapping[str, Any]) -> list[RuleFailure]:
    """The rules the values break (a rule whose sides are not both filled in is not checked)."""
    failures = []
    for rule in ValidationRule.objects.all():
        left, right = _side(rule.left, values), _side(rule.right, values)
        if left is None or right is None:
            continue
        if not OPERATORS[rule.operator](left, right):
            failures.append(RuleFailure(rule, left, right))
    return failures


def clean_values(raw: Mapping[str, Any]) -> dict[str, str]:
    """Numbers for known reported indicators, each in range; errors name the indicator."""
    known = {i.code: i for i in reported_indicators()}
    errors: dict[str, list[str]] = {}
    clean: dict[str, str] = {}
    for code, value in raw.items():
        if code not in known:
            errors[code] = [_("Not an indicator reported in data sets.")]
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            errors[code] = [_("Enter a number.")]
            continue
        if not number.is_finite() or not (0 <= number <= MAX_VALUE):
            errors[code] = [_("Enter a number between 0 and 1,000,000,000,000.")]
            continue
        clean[code] = format(number.normalize(), "f")
    if errors:
        raise ValidationFailed(details=errors)
    return clean


def _may_fill(dataset: DataSet, actor: Any) -> bool:
    return (
        isinstance(actor, SystemActor)
        or DataSet.objects.editable_by(actor).filter(pk=dataset.pk).exists()
    )


@transaction.atomic
def create_dataset(
    *, party: Party, year: int, period: str, due_on: dt.date, actor: Any, is_demo: bool = False
) -> DataSet:
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office opens data sets."))
    if DataSet.objects.filter(party=party, year=year, period=period).exists():
        raise Conflict(_("This party already has a data set for that period."))
    if period not in Period.values:
        raise ValidationFailed(details={"period": [_("Choose a period.")]})
    dataset = DataSet.objects.create(
        party=party, year=year, period=period, due_on=due_on, is_demo=is_demo
    )
    audit.record(instance=dataset, actor=user_of(actor), action=AuditAction.CREATE)
    return dataset


@transaction.atomic
def save_values(
    *, dataset: DataSet, values: Mapping[str, Any], actor: Any
) -> tuple[DataSet, list[RuleFailure]]:
    """Store the values of a draft data set and return the rules they break (checked on entry)."""
    if not _may_fill(dataset, actor):
        raise PermissionDenied(_("You may not fill in this data set."))
    dataset = DataSet.objects.select_for_update().get(pk=dataset.pk)
    if dataset.status == DataSetStatus.LOCKED:
        raise Conflict(_("This data set is locked; it must be unlocked, with a reason, first."))
    if dataset.status != DataSetStatus.DRAFT:
        raise Conflict(_("Only a draft data set can be changed."))
    before = audit.snapshot(dataset)
    dataset.values = clean_values(values)
    dataset.save(update_fields=["values", "updated_at"])
    audit.record(instance=dataset, actor=user_of(actor), action=AuditAction.UPDATE, before=before)
    return dataset, check_rules(dataset.values)


def _coordinates(actor: Any, dataset: DataSet) -> bool:
    """Region coordinators and park managers whose subtree holds the party (or the office)."""
    if is_office(actor):
        return True
    paths = roles.subtree_paths(user_of(actor))
    return any(dataset.party.path.startswith(p) for p in paths)


def _may(dataset: DataSet, actor: Any) -> Any:
    def may(t: Transition) -> bool:
        if t.by == OWNER:
            return _may_fill(dataset, actor)
        if t.by == COORDINATOR:
            return _coordinates(actor, dataset)
        return t.by == OFFICE and is_office(actor)

    return may


@transaction.atomic
def submit(*, dataset: DataSet, actor: Any, on: dt.date) -> DataSet:
    """Submit for approval; a failed high-importance rule refuses the submission."""
    blocking = [f for f in check_rules(dataset.values) if f.blocks]
    if blocking:
        raise ValidationFailed(
            _("The data set breaks a rule of high importance and cannot be submitted."),
            details={"rules": [f.rule.display_message for f in blocking]},
        )
    dataset.submitted_on = on
    apply_transition(
        dataset, "submit", actor=actor, may=_may(dataset, actor), save_fields=["submitted_on"]
    )
    return dataset


@transaction.atomic
def decide(*, dataset: DataSet, action: str, actor: Any, reason: str = "") -> DataSet:
    """approve (coordinator), lock (office), return (coordinator, reason), unlock (office, reason)."""
    if action not in {"approve", "lock", "return", "unlock"}:
        raise ValidationFailed(details={"action": [_("Unknown step.")]})
    apply_transition(dataset, action, actor=actor, reason=reason, may=_may(dataset, actor))
    if action == "unlock":
        dataset.submitted_on = None
        dataset.save(update_fields=["submitted_on"])
    return dataset


@dataclass(frozen=True)
class Completeness:
    dataset: DataSet
    filled: int
    expected: int
    on_time: bool | None

    @property
    def share(self) -> float:
        return self.filled / self.expected if self.expected else 1.0


def completeness(dataset: DataSet, *, expected: int | None = None) -> Completeness:
    """How much of a data set is filled in, and whether it was submitted by its due date."""
    codes = [i.code for i in reported_indicators()]
    filled = sum(1 for c in codes if dataset.values.get(c) not in (None, ""))
    on_time = None if dataset.submitted_on is None else dataset.submitted_on <= dataset.due_on
    return Completeness(dataset, filled, len(codes) if expected is None else expected, on_time)
