"""Reading the ledger, scoped: officers see everything; an employer's members their employer
and its workers (personal data masked); everyone reads the public list of serious cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from hicoop.core.exceptions import NotFound
from hicoop.credit import roles
from hicoop.credit.choices import EventStatus, SubjectKind
from hicoop.credit.models import CreditEvent, Subject


def mask(text: str, keep: int = 2) -> str:
    """``T460000202600123`` → ``T4************23``."""
    if len(text) <= keep * 2:
        return "*" * len(text)
    return text[:keep] + "*" * (len(text) - keep * 2) + text[-keep:]


def mask_name(name: str) -> str:
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1) if len(name) <= 3 else name[:2] + "*" * (len(name) - 2)


def sees_personal_data(user: Any) -> bool:
    return roles.is_officer(user)


def subjects(*, user: Any, q: str = "", kind: str = "", grade: str = "") -> QuerySet[Subject]:
    found = Subject.objects.visible_to(user).select_related("employer", "party")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(identifier__iexact=q.strip()))
    if kind in SubjectKind.values:
        found = found.filter(kind=kind)
    if grade in ("A", "B", "C", "D"):
        found = found.filter(grade=grade)
    return found.order_by("kind", "name")


def subject(*, user: Any, pk: int) -> Subject:
    found = Subject.objects.visible_to(user).select_related("employer", "party").filter(pk=pk)
    result = found.first()
    if result is None:
        raise NotFound()
    return result


def events(*, user: Any, subject_id: int | None = None) -> QuerySet[CreditEvent]:
    found = CreditEvent.objects.visible_to(user).select_related("subject", "kind")
    if subject_id:
        found = found.filter(subject_id=subject_id)
    return found.prefetch_related("objections").order_by("-occurred_on", "-pk")


def public_cases(on: dt.date) -> list[CreditEvent]:
    """Serious dishonesty cases in force on ``on`` (published with their legal basis)."""
    rows = (
        CreditEvent.objects.filter(
            kind__serious_dishonesty=True,
            status=EventStatus.IN_FORCE,
            occurred_on__lte=on,
            expires_on__gt=on,
        )
        .select_related("subject", "kind")
        .order_by("-occurred_on", "pk")
    )
    return [e for e in rows if not e.under_objection]


def public_name(subject: Subject) -> str:
    """Employers by name; a worker's name masked, with nationality."""
    if subject.kind == SubjectKind.EMPLOYER:
        return subject.name
    return (
        f"{mask_name(subject.name)}（{subject.nationality}）"
        if subject.nationality
        else mask_name(subject.name)
    )
