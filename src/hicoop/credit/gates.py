"""Where credit counts in the rest of the mechanism (registered in ``apps.py``):

* match runs leave out D-grade employers linked to a party (``matchmaking.gates``), the run's
  summary says who and why;
* the annual meeting's 1:1 matchmaking refuses a D-grade employer's delegate unless the joint
  office overrides with a reason (``meetings.gates``; meetings registers this gate, being above
  credit in the layers);
* the work-permit pre-check shows the employer's grade (``talent.extensions``, when present).

A C- or D-grade employer's published listings go back to the joint office's review when its
grade falls (``services.recompute``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from hicoop.credit.choices import Grade, SubjectKind
from hicoop.credit.models import Subject
from hicoop.parties import uscc


def _d_grade() -> Any:
    return Subject.objects.filter(
        kind=SubjectKind.EMPLOYER, grade=Grade.D, party__isnull=False
    ).values_list("party_id", "score")


def d_grade_partners(on: dt.date) -> dict[int, str]:
    """Partner gate: every D-grade employer linked to a party, with the reason."""
    return {
        int(party_id): _("credit grade D (score %(s)d): not offered as a partner") % {"s": score}
        for party_id, score in _d_grade()
    }


def meeting_invitation_gate(party: Any, meeting: Any, *, matchmaking: bool) -> str | None:
    """Meetings gate: a D-grade employer is not invited to the 1:1 matchmaking."""
    if not matchmaking or party is None:
        return None
    party_id = getattr(party, "pk", None)
    if party_id is None:
        return None
    found = Subject.objects.filter(
        kind=SubjectKind.EMPLOYER, grade=Grade.D, party_id=party_id
    ).first()
    if found is None:
        return None
    return _("%(name)s has credit grade D (score %(s)d); the joint office may override.") % {
        "name": found.name,
        "s": found.score,
    }


def employer_grade(credit_code: str) -> dict[str, Any] | None:
    """The employer's grade for the work-permit pre-check (``None`` when not under supervision)."""
    code = uscc.normalise(credit_code or "")
    found = Subject.objects.filter(kind=SubjectKind.EMPLOYER, identifier=code).first()
    if found is None:
        return None
    return {
        "grade": found.grade,
        "label": str(Grade(found.grade).label),
        "score": found.score,
        "graded_on": found.graded_on.isoformat() if found.graded_on else None,
    }


def employer_grade_label(credit_code: str) -> str | None:
    """The label the work-permit pre-check shows (``talent.extensions`` grade provider)."""
    found = employer_grade(credit_code)
    if found is None:
        return None
    return _("Credit grade %(label)s (score %(score)d)") % {
        "label": found["label"],
        "score": found["score"],
    }
