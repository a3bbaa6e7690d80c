"""Credit supervision of foreign workers in Hainan and their employers (在琼工作外国人及用人单位
信用监管): the versioned event catalogue and grade scales, the subjects, their events,
objections and repair applications, and every grade change with actor and reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hicoop.core.models import TimeStampedModel
from hicoop.credit import roles, transitions
from hicoop.credit.choices import (
    AppliesTo,
    EventStatus,
    Grade,
    ObjectionStatus,
    RepairStatus,
    Severity,
    SubjectKind,
)
from hicoop.parties.models import Party

_USER = settings.AUTH_USER_MODEL


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


class EventKind(models.Model):
    """One version of a catalogue entry: what the event is, its points and how long it counts."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=160)
    applies_to = models.CharField(
        _("applies to"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.BOTH
    )
    points = models.SmallIntegerField(
        _("points"), validators=[MinValueValidator(-100), MaxValueValidator(100)]
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    evidence_required = models.BooleanField(_("evidence required"), default=True)
    authority = models.CharField(_("recording authority"), max_length=120)
    validity_days = models.PositiveIntegerField(
        _("counts for (days)"), validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )
    clean_days = models.PositiveIntegerField(
        _("clean period before repair (days)"),
        default=180,
        validators=[MaxValueValidator(3650)],
    )
    repairable = models.BooleanField(_("repairable"), default=True)
    serious_dishonesty = models.BooleanField(
        _("published as serious dishonesty"),
        default=False,
        help_text=_("Cases of this kind are on the public list with their legal basis."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)

    class Meta:
        ordering = ("code", "-version")
        verbose_name = _("event kind")
        verbose_name_plural = _("event catalogue")
        constraints = [
            models.UniqueConstraint(fields=("code", "version"), name="credit_kind_code_version"),
            models.CheckConstraint(
                condition=Q(points__gte=-100) & Q(points__lte=100), name="credit_kind_points_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (Chinese unless English is chosen)."""
        return (
            self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name
        )

    def in_effect(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def fits(self, kind: str) -> bool:
        return self.applies_to in (AppliesTo.BOTH, kind)


class GradeScale(models.Model):
    """Versioned grade thresholds, effective from a date (the latest effective one applies)."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("effective from"))
    base = models.SmallIntegerField(_("base score"), default=100)
    a_min = models.SmallIntegerField(_("grade A from"))
    b_min = models.SmallIntegerField(_("grade B from"))
    c_min = models.SmallIntegerField(_("grade C from"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("-effective_from", "-version")
        verbose_name = _("grade scale")
        verbose_name_plural = _("grade scales")
        constraints = [
            models.CheckConstraint(
                condition=Q(a_min__gt=models.F("b_min")) & Q(b_min__gt=models.F("c_min")),
                name="credit_scale_thresholds_fall",
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class SubjectQuerySet(models.QuerySet["Subject"]):
    def visible_to(self, user: Any) -> SubjectQuerySet:
        """Officers see every subject; an employer's members their employer and its workers."""
        if roles.is_officer(user):
            return self.all()
        if not _signed_in(user):
            return self.none()
        own = roles.own_party_ids(user)
        if not own:
            return self.none()
        return self.filter(Q(party_id__in=own) | Q(employer__party_id__in=own))

    def editable_by(self, user: Any) -> SubjectQuerySet:
        return self.all() if roles.is_officer(user) else self.none()


class Subject(TimeStampedModel):
    """A foreign worker (by work-permit number) or an employer (by USCC) under supervision."""

    kind = models.CharField(_("kind"), max_length=10, choices=SubjectKind.choices)
    identifier = models.CharField(
        _("identifier"), max_length=40, help_text=_("Work-permit number or USCC.")
    )
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    employer = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workers",
        verbose_name=_("employer"),
        limit_choices_to={"kind": SubjectKind.EMPLOYER},
    )
    party = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credit_subjects",
        verbose_name=_("party"),
    )
    score = models.SmallIntegerField(_("score"), default=100)
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices, default=Grade.A)
    graded_on = models.DateField(_("graded on"), null=True, blank=True)
    demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SubjectQuerySet.as_manager()

    class Meta:
        ordering = ("kind", "name")
        verbose_name = _("credit subject")
        verbose_name_plural = _("credit subjects")
        constraints = [
            models.UniqueConstraint(fields=("kind", "identifier"), name="credit_subject_identifier")
        ]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet["CreditEvent"]):
    def visible_to(self, user: Any) -> EventQuerySet:
        return self.filter(subject__in=Subject.objects.visible_to(user).values("pk"))

    def editable_by(self, user: Any) -> EventQuerySet:
        return self.all() if roles.is_officer(user) else self.none()


class CreditEvent(TimeStampedModel):
    """One ledger entry: the catalogue version, points as recorded, dates and authority.

    ``void_from`` is the day it stopped counting on objection or repair; it stays in history.
    """

    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="events", verbose_name=_("subject")
    )
    kind = models.ForeignKey(
        EventKind, on_delete=models.PROTECT, related_name="events", verbose_name=_("event kind")
    )
    points = models.SmallIntegerField(_("points"))
    occurred_on = models.DateField(_("occurred on"))
    expires_on = models.DateField(_("counts until"))
    authority = models.CharField(_("recording authority"), max_length=120)
    description = models.TextField(_("description"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.IN_FORCE
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    void_from = models.DateField(_("stopped counting on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=150, blank=True)

    objects = EventQuerySet.as_manager()
    workflow = transitions.EVENT_WORKFLOW

    class Meta:
        ordering = ("-occurred_on", "-pk")
        verbose_name = _("credit event")
        verbose_name_plural = _("credit events")
        indexes = [models.Index(fields=("status", "expires_on"))]

    def __str__(self) -> str:
        return f"{self.kind.name} · {self.occurred_on}"

    @property
    def under_objection(self) -> bool:
        return any(o.status in ("submitted", "under_review") for o in self.objections.all())


class Objection(TimeStampedModel):
    """异议: the subject's side contests an event; the office reviews it by the deadline."""

    event = models.ForeignKey(
        CreditEvent, on_delete=models.PROTECT, related_name="objections", verbose_name=_("event")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    review_deadline = models.DateField(_("review due by"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.SUBMITTED,
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=150, blank=True)

    workflow = transitions.OBJECTION_WORKFLOW

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"


class RepairApplication(TimeStampedModel):
    """信用修复: after the clean period, a corrective action with evidence; approval voids the event."""

    event = models.ForeignKey(
        CreditEvent, on_delete=models.PROTECT, related_name="repairs", verbose_name=_("event")
    )
    corrective_action = models.TextField(_("corrective action"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=RepairStatus.choices, default=RepairStatus.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=150, blank=True)

    workflow = transitions.REPAIR_WORKFLOW

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("repair application")
        verbose_name_plural = _("repair applications")

    def __str__(self) -> str:
        return f"{self.event} · {self.get_status_display()}"


class GradeChange(models.Model):
    """Every change of a subject's score or grade, with the actor and the reason."""

    subject = models.ForeignKey(
        Subject, on_delete=models.CASCADE, related_name="grade_changes", verbose_name=_("subject")
    )
    on = models.DateField(_("on"))
    score_before = models.SmallIntegerField(_("score before"))
    score = models.SmallIntegerField(_("score"))
    grade_before = models.CharField(_("grade before"), max_length=1)
    grade = models.CharField(_("grade"), max_length=1)
    scale_version = models.PositiveSmallIntegerField(_("scale version"))
    reason = models.CharField(_("reason"), max_length=300)
    actor = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")

    def __str__(self) -> str:
        return f"{self.subject} · {self.grade_before} → {self.grade}"
