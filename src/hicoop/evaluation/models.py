"""Monitoring and evaluation (监测评价): indicators, targets, formula versions, evaluation runs
with their stored snapshot and scores, data sets with validation rules, allocation scenarios and
commendations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.core.actors import SystemActor
from hicoop.core.models import Job, TimeStampedModel
from hicoop.evaluation import transitions
from hicoop.evaluation.choices import (
    DataSetStatus,
    Direction,
    Importance,
    ListStatus,
    Operator,
    Period,
    RuleKind,
    RunStatus,
    ScenarioStatus,
    Source,
)
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Measure, pick_language

_USER = settings.AUTH_USER_MODEL
LOCALITY_KINDS = (PartyKind.REGION, PartyKind.PARK, PartyKind.CITY)
YEAR = [MinValueValidator(2020), MaxValueValidator(2100)]


def reads_all(user: Any) -> bool:
    """The office, evaluators and system actors (the command line, jobs) read everything."""
    return isinstance(user, SystemActor) or roles.reads_everything(user)


class LegendSet(models.Model):
    """Traffic-light thresholds on a normalised value (0–100): achieved / progressing / problem."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    achieved_from = models.DecimalField(
        _("achieved from"), max_digits=5, decimal_places=1, default=Decimal(90)
    )
    progressing_from = models.DecimalField(
        _("progressing from"), max_digits=5, decimal_places=1, default=Decimal(60)
    )

    class Meta:
        verbose_name = _("legend set")
        verbose_name_plural = _("legend sets")
        ordering = ["code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progressing_from__lte=models.F("achieved_from")),
                name="eval_legend_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)


class Indicator(models.Model):
    """An evaluation indicator: computed from platform data or reported in data sets."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    definition_en = models.TextField(_("English definition"), blank=True)
    numerator = models.CharField(_("numerator"), max_length=200, blank=True)
    denominator = models.CharField(_("denominator"), max_length=200, blank=True)
    factor = models.DecimalField(_("factor"), max_digits=10, decimal_places=4, default=Decimal(1))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    group = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("measure"),
    )  # PROTECT: measures are fixed by the mechanism
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    legend = models.ForeignKey(
        LegendSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("legend set"),
    )  # PROTECT: a legend in use is edited, not removed
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation indicator")
        verbose_name_plural = _("evaluation indicators")
        ordering = ["order", "code", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)

    @property
    def display_definition(self) -> str:
        return pick_language(self.definition, self.definition_en)


class Target(models.Model):
    """The target of one indicator for one locality in one year."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    locality = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="+", verbose_name=_("locality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["year", "locality", "indicator", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "locality", "year"], name="eval_target_unique"
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="eval_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.locality} {self.indicator}: {self.value}"


class FormulaVersion(models.Model):
    """A version of the scoring or of the allocation parameters, in force from a date."""

    SCORING, ALLOCATION = "scoring", "allocation"
    KINDS = [(SCORING, _("Scoring")), (ALLOCATION, _("Allocation"))]

    kind = models.CharField(_("kind"), max_length=12, choices=KINDS)
    version = models.CharField(_("version"), max_length=30)
    effective_from = models.DateField(_("in force from"))
    parameters = models.JSONField(_("parameters"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("formula version")
        verbose_name_plural = _("formula versions")
        ordering = ["kind", "-effective_from", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="eval_formula_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"


class RunQuerySet(models.QuerySet["EvaluationRun"]):
    def visible_to(self, user: Any) -> RunQuerySet:
        """The office and evaluators see drafts too; other members published runs only."""
        if reads_all(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(status=RunStatus.PUBLISHED)


class EvaluationRun(TimeStampedModel):
    """One computation of a year's indicator values and scores, with the data it read."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.ANNUAL
    )
    formula = models.ForeignKey(
        FormulaVersion,
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("scoring formula"),
    )  # PROTECT: scores keep the formula that produced them
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    snapshot = models.JSONField(_("data snapshot"), default=dict)
    job = models.ForeignKey(
        Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # SET_NULL: old jobs are pruned, runs stay
    created_by = models.CharField(_("created by"), max_length=150, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RunQuerySet.as_manager()
    workflow = transitions.RUN_WORKFLOW

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-year", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.year} #{self.pk}"


class IndicatorValue(models.Model):
    """The value of one indicator for one locality in one run, with the records behind it."""

    run = models.ForeignKey(
        EvaluationRun, on_delete=models.CASCADE, related_name="values", verbose_name=_("run")
    )
    locality = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("locality")
    )  # PROTECT: evaluated localities are deactivated, not deleted
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )  # PROTECT: an indicator with values is retired, not deleted
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True)
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=4, null=True)
    denominator = models.DecimalField(_("denominator"), max_digits=16, decimal_places=4, null=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True)
    detail = models.CharField(_("detail"), max_length=100, blank=True)
    records = models.JSONField(_("records behind the value"), default=list)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["run", "locality", "indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "locality", "indicator"], name="eval_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.locality} {self.indicator}: {self.value}"


class ScoreQuerySet(models.QuerySet["Score"]):
    def visible_to(self, user: Any) -> ScoreQuerySet:
        return self.filter(run__in=EvaluationRun.objects.visible_to(user))


class Score(models.Model):
    """The score of one locality in one run, with the formula and the explanation that made it."""

    run = models.ForeignKey(
        EvaluationRun, on_delete=models.CASCADE, related_name="scores", verbose_name=_("run")
    )
    locality = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("locality")
    )  # PROTECT: evaluated localities are deactivated, not deleted
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=1)
    rank = models.PositiveSmallIntegerField(_("rank"))
    formula = models.JSONField(_("formula"))
    terms = models.JSONField(_("terms"))
    explanation = models.TextField(_("explanation"))

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["run", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "locality"], name="eval_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.locality}: {self.score}"


class ScenarioQuerySet(models.QuerySet["AllocationScenario"]):
    def visible_to(self, user: Any) -> ScenarioQuerySet:
        """Drafts for the office and evaluators; the adopted allocation for every member."""
        if reads_all(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(status=ScenarioStatus.ADOPTED)


class AllocationScenario(TimeStampedModel):
    """One way of splitting a year's pot: scoring weights, allocation formula and pot.

    Its inputs (scores, both formulas, pot) are stored, so the shares replay to the fen."""

    run = models.ForeignKey(
        EvaluationRun, on_delete=models.PROTECT, related_name="scenarios", verbose_name=_("run")
    )  # PROTECT: a scenario keeps the run whose values it used
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    pot_wan = models.DecimalField(_("pot (10k yuan)"), max_digits=14, decimal_places=6)
    scoring = models.JSONField(_("scoring formula"))
    allocation = models.JSONField(_("allocation formula"))
    scores = models.JSONField(_("scores used"))
    shares = models.JSONField(_("shares in fen"))
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ScenarioQuerySet.as_manager()
    workflow = transitions.SCENARIO_WORKFLOW

    class Meta:
        verbose_name = _("allocation scenario")
        verbose_name_plural = _("allocation scenarios")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status="adopted"),
                name="eval_one_adopted_per_year",
            ),
            models.CheckConstraint(condition=Q(pot_wan__gte=0), name="eval_pot_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class DataSetQuerySet(models.QuerySet["DataSet"]):
    def visible_to(self, user: Any) -> DataSetQuerySet:
        if reads_all(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(party__in=Party.objects.worked_on_by(user).values("pk"))

    def editable_by(self, user: Any) -> DataSetQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(party__in=Party.objects.editable_by(user).values("pk"))


class DataSet(TimeStampedModel):
    """A periodic form of reported indicator values by one party (locality)."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )  # PROTECT: reported data keeps its reporter
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.ANNUAL
    )
    due_on = models.DateField(_("due on"))
    values = models.JSONField(_("values"), default=dict)
    status = models.CharField(
        _("status"), max_length=24, choices=DataSetStatus.choices, default=DataSetStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = DataSetQuerySet.as_manager()
    workflow = transitions.DATASET_WORKFLOW

    class Meta:
        verbose_name = _("data set")
        verbose_name_plural = _("data sets")
        ordering = ["-year", "party", "period", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["party", "year", "period"], name="eval_dataset_unique")
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.year} {self.get_period_display()}"


class ValidationRule(models.Model):
    """``left operator right`` over a data set's values (a code or a number on either side)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    left = models.CharField(_("left side"), max_length=100)
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("right side"), max_length=100)
    importance = models.CharField(_("importance"), max_length=6, choices=Importance.choices)
    message = models.CharField(_("message"), max_length=200)
    message_en = models.CharField(_("English message"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return self.display_message

    @property
    def display_message(self) -> str:
        return pick_language(self.message, self.message_en)


class CommendationRule(models.Model):
    """A rule that makes a unit or a locality a commendation candidate (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("commendation rule")
        verbose_name_plural = _("commendation rules")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)


class CommendationListQuerySet(models.QuerySet["CommendationList"]):
    def visible_to(self, user: Any) -> CommendationListQuerySet:
        if reads_all(user):
            return self.all()
        return self.filter(status=ListStatus.PUBLISHED)


class CommendationList(TimeStampedModel):
    """The year's commendation list (表扬名单): candidates, then the office's published choice."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CommendationListQuerySet.as_manager()
    workflow = transitions.LIST_WORKFLOW

    class Meta:
        verbose_name = _("commendation list")
        verbose_name_plural = _("commendation lists")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return str(self.year)


class Commendation(models.Model):
    """One candidate on a list: the party, the rule it met, and the office's decision."""

    list = models.ForeignKey(
        CommendationList, on_delete=models.CASCADE, related_name="entries", verbose_name=_("list")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit or locality")
    )  # PROTECT: commended parties are deactivated, not deleted
    rule = models.ForeignKey(
        CommendationRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule")
    )  # PROTECT: entries keep the rule they met
    basis = models.CharField(_("basis"), max_length=300)
    approved = models.BooleanField(_("approved"), default=False)
    citation = models.CharField(_("citation"), max_length=300, blank=True)
    edit_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["list", "rule", "party", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["list", "party", "rule"], name="eval_commendation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party}: {self.rule}"
