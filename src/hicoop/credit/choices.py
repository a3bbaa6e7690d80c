"""Choices of credit supervision (stored codes; users read the labels)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    WORKER = "worker", _("Foreign worker")
    EMPLOYER = "employer", _("Employer")


class AppliesTo(models.TextChoices):
    WORKER = "worker", _("Foreign workers")
    EMPLOYER = "employer", _("Employers")
    BOTH = "both", _("Workers and employers")


class Severity(models.TextChoices):
    POSITIVE = "positive", _("Commendation")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    SERIOUS = "serious", _("Serious")


class Grade(models.TextChoices):
    A = "A", _("A · good standing")
    B = "B", _("B · fair")
    C = "C", _("C · under watch")
    D = "D", _("D · dishonest")


class EventStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    OVERTURNED = "overturned", _("Overturned on objection")
    REPAIRED = "repaired", _("Repaired")


class ObjectionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    UPHELD = "upheld", _("Upheld (event overturned)")
    DISMISSED = "dismissed", _("Dismissed (event stands)")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class RepairStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


OPEN_OBJECTION = (ObjectionStatus.SUBMITTED, ObjectionStatus.UNDER_REVIEW)
