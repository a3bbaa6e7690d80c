"""Every write of credit supervision: catalogue and scales, subjects, events with evidence,
objections, repair, expiry and the grade recomputation that follows each of them.

Each status change goes through ``core.workflow.apply_transition`` (actor and reason); each
change of a grade is a :class:`GradeChange` with actor and reason. A subject whose grade falls
to C or D sends its published listings back to the joint office's review.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core.actors import stored_name, user_of
from hicoop.core.attachments import attach
from hicoop.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from hicoop.core.workflow import OFFICE, Transition, apply_transition
from hicoop.credit import roles, scoring
from hicoop.credit.choices import (
    OPEN_OBJECTION,
    EventStatus,
    ObjectionStatus,
    RepairStatus,
    SubjectKind,
)
from hicoop.credit.models import (
    CreditEvent,
    EventKind,
    GradeChange,
    GradeScale,
    Objection,
    RepairApplication,
    Subject,
)
from hicoop.credit.screening import fold
from hicoop.parties import uscc
from hicoop.parties.models import Party

REVIEW_DAYS = 15  # an objection is reviewed within this many days
PERMIT = re.compile(r"^[0-9A-Z]{9,20}$")
MAX_TEXT = 2000


def today() -> dt.date:
    return timezone.localdate()


def _require_officer(actor: Any) -> None:
    if not roles.is_officer(actor):
        raise PermissionDenied(_("Only the joint office and foreign-talent officers may do this."))


def _office_may(actor: Any) -> Any:
    def may(transition: Transition) -> bool:
        return transition.by != OFFICE or roles.is_officer(actor)

    return may


def _text(errors: dict[str, list[str]], name: str, value: Any, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.setdefault(name, []).append(_("This field is required."))
    if len(text) > MAX_TEXT:
        errors.setdefault(name, []).append(_("At most %(n)d characters.") % {"n": MAX_TEXT})
    if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in text):
        errors.setdefault(name, []).append(_("Control characters are not allowed."))
    return text


# ---------------------------------------------------------------- catalogue and scales


def kind_on(code: str, on: dt.date) -> EventKind:
    """The catalogue version of ``code`` in effect on ``on``."""
    for kind in EventKind.objects.filter(code=code).order_by("-version"):
        if kind.in_effect(on):
            return kind
    raise NotFound(
        _("No catalogue entry “%(code)s” is in effect on %(on)s.") % {"code": code, "on": on}
    )


def kinds_in_effect(on: dt.date, subject_kind: str = "") -> list[EventKind]:
    found = [k for k in EventKind.objects.all() if k.in_effect(on)]
    return [k for k in found if not subject_kind or k.fits(subject_kind)]


@transaction.atomic
def ensure_kind(*, code: str, values: Mapping[str, Any], effective_from: dt.date) -> EventKind:
    """Create the catalogue entry, or a new version when its values changed (the old version
    ends the day the new one takes effect)."""
    current = EventKind.objects.filter(code=code).order_by("-version").first()
    if current is not None:
        if all(getattr(current, k) == v for k, v in values.items()):
            return current
        if effective_from <= current.effective_from:
            raise ValidationFailed(
                details={
                    "effective_from": [_("A new version must take effect after the current one.")]
                }
            )
        current.effective_to = effective_from
        current.save(update_fields=["effective_to"])
    version = current.version + 1 if current else 1
    return EventKind.objects.create(
        code=code, version=version, effective_from=effective_from, **values
    )


@transaction.atomic
def ensure_scale(
    *,
    version: int,
    effective_from: dt.date,
    base: int,
    a_min: int,
    b_min: int,
    c_min: int,
    note: str = "",
) -> GradeScale:
    if not (a_min > b_min > c_min):
        raise ValidationFailed(details={"a_min": [_("Thresholds must fall from A to C.")]})
    scale, _created = GradeScale.objects.get_or_create(
        version=version,
        defaults={
            "effective_from": effective_from,
            "base": base,
            "a_min": a_min,
            "b_min": b_min,
            "c_min": c_min,
            "note": note,
        },
    )
    return scale


# ---------------------------------------------------------------- subjects


def _clean_subject(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    kind = str(data.get("kind") or "")
    if kind not in SubjectKind.values:
        errors["kind"] = [_("Choose a foreign worker or an employer.")]
    name = _text(errors, "name", data.get("name"))
    if len(name) > 200:
        errors.setdefault("name", []).append(_("At most %(n)d characters.") % {"n": 200})
    identifier = uscc.normalise(str(data.get("identifier") or ""))
    values: dict[str, Any] = {"kind": kind, "name": name, "identifier": identifier}
    if kind == SubjectKind.EMPLOYER:
        reason = uscc.problem(identifier)
        if reason:
            errors["identifier"] = [
                _("Enter a valid unified social credit code (18 characters, GB 32100-2015).")
            ]
    elif kind == SubjectKind.WORKER:
        if not PERMIT.match(identifier):
            errors["identifier"] = [
                _("A work-permit number has 9 to 20 digits or capital letters.")
            ]
        values["nationality"] = _text(errors, "nationality", data.get("nationality"))[:60]
        birth = data.get("birth_date")
        if isinstance(birth, str) and birth:
            try:
                birth = dt.date.fromisoformat(birth)
            except ValueError:
                errors["birth_date"] = [_("Enter a date as YYYY-MM-DD.")]
                birth = None
        if not birth:
            errors.setdefault("birth_date", [_("This field is required.")])
        elif isinstance(birth, dt.date) and not dt.date(1900, 1, 1) <= birth <= today():
            errors["birth_date"] = [_("Enter a date between 1900 and today.")]
        values["birth_date"] = birth
        employer = data.get("employer")
        if employer not in (None, ""):
            if not isinstance(employer, Subject):
                employer = Subject.objects.filter(
                    kind=SubjectKind.EMPLOYER, identifier=uscc.normalise(str(employer))
                ).first()
                if employer is None and str(data.get("employer")).isdigit():
                    employer = Subject.objects.filter(
                        kind=SubjectKind.EMPLOYER, pk=int(str(data.get("employer")))
                    ).first()
            if employer is None:
                errors["employer"] = [_("No employer with this credit code is registered.")]
            values["employer"] = employer
    if errors:
        raise ValidationFailed(details=errors)
    return values


@transaction.atomic
def register_subject(*, data: Mapping[str, Any], actor: Any, demo: bool = False) -> Subject:
    """Register a worker or employer; an employer is linked to the party with its USCC."""
    _require_officer(actor)
    values = _clean_subject(data)
    if Subject.objects.filter(kind=values["kind"], identifier=values["identifier"]).exists():
        raise Conflict(
            _("A subject with this identifier is already registered."),
            details={"identifier": [_("Already registered.")]},
        )
    if values["kind"] == SubjectKind.EMPLOYER:
        values["party"] = Party.objects.filter(credit_code=values["identifier"]).first()
    scale = scoring.scales()
    base = max(scale, key=lambda s: (s.effective_from, s.version))
    subject = Subject.objects.create(
        **values,
        name_key=fold(values["name"]),
        score=base.base,
        grade=base.grade(base.base),
        graded_on=today(),
        demo=demo,
        created_by=user_of(actor),
    )
    return subject


# ---------------------------------------------------------------- grades


def _resubmit_listings(subject: Subject, actor: Any, grade: str) -> int:
    """A C- or D-grade employer's published listings go back to the joint office's review."""
    if subject.kind != SubjectKind.EMPLOYER or subject.party_id is None:
        return 0
    from hicoop.listings.choices import ListingStatus
    from hicoop.listings.models import Achievement, Capability, Demand
    from hicoop.listings.services import apply_status

    reason = _("The employer's credit grade fell to %(g)s: the joint office reviews it again.") % {
        "g": grade
    }
    moved = 0
    for model in (Demand, Capability, Achievement):
        for listing in model.objects.filter(
            owner_id=subject.party_id, status=ListingStatus.PUBLISHED
        ):
            apply_status(listing, "resubmit", actor, reason)
            moved += 1
    return moved


def _tell_the_employer(subject: Subject, before: str, after: str, reason: str, actor: Any) -> None:
    """The employer's members hear of a grade change of the employer or one of its workers."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from hicoop.core.notifications import bilingual, notify
    from hicoop.credit.choices import GRADE_CHANGED

    employer = subject.employer if subject.kind == SubjectKind.WORKER else subject
    if employer is None or employer.party_id is None:
        return
    members = get_user_model().objects.filter(memberships__party_id=employer.party_id)
    party = subject.party  # a party's name is read in each reader's language
    notify(
        recipients=members,
        kind=GRADE_CHANGED,
        params={
            "name": bilingual(party.name, party.name_en) if party is not None else subject.name,
            "before": before,
            "after": after,
            "reason": reason,
        },
        actor=actor,
        url=reverse("credit:detail", args=[subject.pk]),
        target=subject,
    )


@transaction.atomic
def recompute(subject: Subject, *, actor: Any, reason: str, on: dt.date | None = None) -> Subject:
    """Score and grade on ``on`` (default today); a change is written with actor and reason."""
    on = on or today()
    found = scoring.result(subject, on)
    if (found.score, found.grade) != (subject.score, subject.grade):
        GradeChange.objects.create(
            subject=subject,
            on=on,
            score_before=subject.score,
            score=found.score,
            grade_before=subject.grade,
            grade=found.grade,
            scale_version=found.scale_version,
            reason=str(reason)[:300],
            actor=user_of(actor),
            actor_name=stored_name(actor),
        )
        fell = found.grade in ("C", "D") and found.grade > subject.grade
        if found.grade != subject.grade:
            _tell_the_employer(subject, subject.grade, found.grade, str(reason), actor)
        subject.score, subject.grade = found.score, found.grade
        if fell:
            _resubmit_listings(subject, actor, found.grade)
    subject.graded_on = on
    subject.save(update_fields=["score", "grade", "graded_on", "updated_at"])
    return subject


def recompute_all(*, actor: Any, reason: str, on: dt.date | None = None) -> int:
    changed = 0
    for subject in Subject.objects.all():
        before = (subject.score, subject.grade)
        recompute(subject, actor=actor, reason=reason, on=on)
        changed += (subject.score, subject.grade) != before
    return changed


# ---------------------------------------------------------------- events


@transaction.atomic
def record_event(
    *,
    subject: Subject,
    kind_code: str,
    occurred_on: dt.date,
    description: str,
    actor: Any,
    evidence: Iterable[Any] = (),
    authority: str = "",
    on: dt.date | None = None,
) -> CreditEvent:
    """Record one event with its evidence; the subject's grade is recomputed."""
    _require_officer(actor)
    on = on or today()
    errors: dict[str, list[str]] = {}
    description = _text(errors, "description", description)
    if occurred_on > on:
        errors["occurred_on"] = [_("The event cannot be in the future.")]
    if occurred_on < on - dt.timedelta(days=3650):
        errors["occurred_on"] = [_("The event is more than ten years old.")]
    try:
        kind = kind_on(kind_code, occurred_on)
    except NotFound as exc:
        errors["kind"] = [str(exc.message)]
        kind = None
    if kind is not None and not kind.fits(subject.kind):
        errors["kind"] = [_("This kind of event does not apply to this subject.")]
    files = [f for f in evidence if f]
    if kind is not None and kind.evidence_required and not files:
        errors["evidence"] = [_("This kind of event needs evidence attached.")]
    if errors or kind is None:
        raise ValidationFailed(details=errors)
    event = CreditEvent.objects.create(
        subject=subject,
        kind=kind,
        points=kind.points,
        occurred_on=occurred_on,
        expires_on=occurred_on + dt.timedelta(days=kind.validity_days),
        authority=(authority or kind.authority)[:120],
        description=description,
        recorded_by=user_of(actor),
        recorded_by_name=stored_name(actor),
    )
    for upload in files:
        attach(record=event, upload=upload, actor=actor, kind="evidence")
    recompute(
        subject,
        actor=actor,
        reason=_("Event recorded: %(kind)s") % {"kind": kind.display_name},
        on=on,
    )
    return event


def _void(event: CreditEvent, action: str, *, actor: Any, reason: str, on: dt.date) -> None:
    event.void_from = on
    apply_transition(
        event, action, actor=actor, reason=reason, may=_office_may(actor), save_fields=["void_from"]
    )


@transaction.atomic
def expire_due(*, actor: Any, on: dt.date | None = None) -> dict[str, int]:
    """Mark every event whose period has ended as expired and recompute every grade."""
    on = on or today()
    due = CreditEvent.objects.filter(status=EventStatus.IN_FORCE, expires_on__lte=on)
    expired = 0
    for event in due.select_related("kind"):
        apply_transition(
            event,
            "expire",
            actor=actor,
            reason=_("Its period ended on %(d)s.") % {"d": event.expires_on.isoformat()},
        )
        expired += 1
    changed = recompute_all(actor=actor, reason=_("Daily recomputation"), on=on)
    return {"expired": expired, "grades_changed": changed}


# ---------------------------------------------------------------- objections


def may_act_for(subject: Subject, actor: Any) -> bool:
    """Officers, and the members of the employer (for itself or its workers)."""
    if roles.is_officer(actor):
        return True
    own = set(roles.own_party_ids(actor))
    employer = subject.employer
    party = subject.party_id or (employer.party_id if employer is not None else None)
    return bool(party and party in own)


@transaction.atomic
def submit_objection(
    *, event: CreditEvent, reason: str, actor: Any, on: dt.date | None = None
) -> Objection:
    if not may_act_for(event.subject, actor):
        raise PermissionDenied(_("Only the subject's side may object to this event."))
    on = on or today()
    errors: dict[str, list[str]] = {}
    reason = _text(errors, "reason", reason)
    if errors:
        raise ValidationFailed(details=errors)
    if event.status != EventStatus.IN_FORCE:
        raise Conflict(_("Only an event in force can be objected to."))
    if event.objections.filter(status__in=OPEN_OBJECTION).exists():
        raise Conflict(_("An objection to this event is already open."))
    objection = Objection.objects.create(
        event=event,
        reason=reason,
        review_deadline=on + dt.timedelta(days=REVIEW_DAYS),
        submitted_by=user_of(actor),
        submitted_by_name=stored_name(actor),
    )
    return objection


@transaction.atomic
def decide_objection(
    *, objection: Objection, action: str, reason: str, actor: Any, on: dt.date | None = None
) -> Objection:
    """review / uphold (the event is overturned) / dismiss / withdraw."""
    on = on or today()
    event = objection.event
    if action == "withdraw":
        if not may_act_for(event.subject, actor):
            raise PermissionDenied(_("Only the subject's side may withdraw its objection."))
    elif not roles.is_officer(actor):
        raise PermissionDenied(_("Only the joint office and foreign-talent officers may do this."))
    apply_transition(objection, action, actor=actor, reason=reason, may=_office_may(actor))
    if action == "uphold":
        _void(event, "overturn", actor=actor, reason=reason, on=on)
        recompute(
            event.subject,
            actor=actor,
            reason=_("Objection upheld: %(kind)s overturned") % {"kind": event.kind.display_name},
            on=on,
        )
    return objection


# ---------------------------------------------------------------- repair


def repair_open_from(event: CreditEvent) -> dt.date:
    return event.occurred_on + dt.timedelta(days=event.kind.clean_days)


@transaction.atomic
def apply_repair(
    *,
    event: CreditEvent,
    corrective_action: str,
    actor: Any,
    evidence: Iterable[Any] = (),
    on: dt.date | None = None,
) -> RepairApplication:
    if not may_act_for(event.subject, actor):
        raise PermissionDenied(_("Only the subject's side may apply for repair."))
    on = on or today()
    errors: dict[str, list[str]] = {}
    corrective_action = _text(errors, "corrective_action", corrective_action)
    files = [f for f in evidence if f]
    if not files:
        errors["evidence"] = [_("Attach evidence of the corrective action.")]
    if errors:
        raise ValidationFailed(details=errors)
    if event.status != EventStatus.IN_FORCE or event.points >= 0:
        raise Conflict(_("Only a negative event in force can be repaired."))
    if not event.kind.repairable:
        raise Conflict(_("This kind of event cannot be repaired."))
    opens = repair_open_from(event)
    if on < opens:
        raise Conflict(
            _("Repair can be applied for from %(d)s (after the clean period).")
            % {"d": opens.isoformat()}
        )
    if event.repairs.filter(status=RepairStatus.SUBMITTED).exists():
        raise Conflict(_("A repair application for this event is already open."))
    repair = RepairApplication.objects.create(
        event=event,
        corrective_action=corrective_action,
        submitted_by=user_of(actor),
        submitted_by_name=stored_name(actor),
    )
    for upload in files:
        attach(record=repair, upload=upload, actor=actor, kind="evidence")
    return repair


@transaction.atomic
def decide_repair(
    *, repair: RepairApplication, action: str, reason: str, actor: Any, on: dt.date | None = None
) -> RepairApplication:
    _require_officer(actor)
    on = on or today()
    apply_transition(repair, action, actor=actor, reason=reason, may=_office_may(actor))
    if action == "approve":
        event = repair.event
        _void(event, "repair", actor=actor, reason=reason, on=on)
        recompute(
            event.subject,
            actor=actor,
            reason=_("Repair approved: %(kind)s stops counting")
            % {"kind": event.kind.display_name},
            on=on,
        )
    return repair


def open_objections_due(on: dt.date) -> Any:
    return Objection.objects.filter(status__in=OPEN_OBJECTION, review_deadline__lte=on)


__all__ = [
    "ObjectionStatus",
    "apply_repair",
    "decide_objection",
    "decide_repair",
    "ensure_kind",
    "ensure_scale",
    "expire_due",
    "kind_on",
    "recompute",
    "record_event",
    "register_subject",
    "submit_objection",
]
