from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Source(models.TextChoices):
    COMPUTED = "computed", _("Computed from platform data")
    REPORTED = "reported", _("Reported in data sets")


class Normalisation(models.TextChoices):
    TARGET = "target", _("Target attainment, capped")
    MIN_MAX = "min_max", _("Min–max across localities")


class MissingRule(models.TextChoices):
    ZERO = "zero", _("Missing scores zero")
    RENORMALISE = "renormalise", _("Spread its weight over the others")
    MEAN = "mean", _("Use the mean of the other localities")


class RunStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Period(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    H1 = "h1", _("First half-year")


class DataSetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    COORDINATOR_APPROVED = "coordinator_approved", _("Approved by the coordinator")
    LOCKED = "locked", _("Approved and locked")


class Operator(models.TextChoices):
    LE = "le", "≤"
    LT = "lt", "<"
    GE = "ge", "≥"
    GT = "gt", ">"
    EQ = "eq", "="
    NE = "ne", "≠"


class Importance(models.TextChoices):
    HIGH = "high", _("High: blocks submission")
    MEDIUM = "medium", _("Medium: a warning")
    LOW = "low", _("Low: a note")


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class Light(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PROGRESSING = "progressing", _("Progressing")
    PROBLEM = "problem", _("Problem")


class RuleKind(models.TextChoices):
    TOP_SCORES = "top_scores", _("Among the top scores")
    AHEAD_OF_PLAN = "ahead_of_plan", _("Items completed ahead of plan")
    REPORTS_ON_TIME = "reports_on_time", _("Reports always on time")
    CREDIT_GRADE = "credit_grade", _("No credit grade below a level")
    DATA_APPROVED = "data_approved", _("Data sets approved")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
