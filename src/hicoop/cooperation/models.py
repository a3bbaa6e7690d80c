"""Cooperation items (合作事项), park pairings (多帮一对口帮扶) and key tasks (司局直接对口支持)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.cooperation.choices import (
    ActivityKind,
    IndicatorKind,
    ItemStatus,
    Origin,
    PlatformKind,
    PlatformStatus,
    ResultKind,
    Side,
    TaskStatus,
)
from hicoop.core.models import TimeStampedModel
from hicoop.listings.choices import CooperationMode
from hicoop.listings.models import Demand
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, Measure, pick_language

_USER = settings.AUTH_USER_MODEL


class _ScopedQuerySet(models.QuerySet[Any]):
    """Records scoped through the parties involved in them (``involved`` names the lookups)."""

    involved: tuple[str, ...] = ()

    def _in_scope(self, user: Any, *, write: bool) -> Any:
        scope = Party.objects.editable_by(user) if write else Party.objects.worked_on_by(user)
        parties = scope.values("pk")
        condition = Q(pk__in=[])
        for lookup in self.involved:
            condition |= Q(**{f"{lookup}__in": parties})
        return self.filter(pk__in=self.model._default_manager.filter(condition).values("pk"))

    def visible_to(self, user: Any) -> Any:
        """Global readers see everything; members see records involving their scope; visitors none."""
        if roles.reads_everything(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self._in_scope(user, write=False)

    def editable_by(self, user: Any) -> Any:
        if roles.is_joint_office_admin(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self._in_scope(user, write=True)


class ItemQuerySet(_ScopedQuerySet):
    involved = ("sides__party",)


class PairingQuerySet(_ScopedQuerySet):
    involved = ("hainan_parks", "helpers")


class TaskQuerySet(_ScopedQuerySet):
    involved = ("department", "supporting_units")


class Pairing(TimeStampedModel):
    """Hainan park(s) helped by one or more partner parks or regions (多帮一科技园区对口帮扶)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    hainan_parks = models.ManyToManyField(
        Party, related_name="pairings_helped", verbose_name=_("Hainan parks helped")
    )
    helpers = models.ManyToManyField(
        Party, related_name="pairings_helping", verbose_name=_("helping parks and regions")
    )
    fields = models.ManyToManyField(Field, blank=True, related_name="+", verbose_name=_("fields"))
    goals = models.TextField(_("goals"), blank=True)
    goals_en = models.TextField(_("English goals"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("park pairing")
        verbose_name_plural = _("park pairings")
        ordering = ["key", "pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_en)


class PairingPlatform(models.Model):
    """A platform co-built under a pairing (创新创业服务平台, 成果转化平台 …)."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="platforms", verbose_name=_("pairing")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PlatformKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PlatformStatus.choices, default=PlatformStatus.PLANNED
    )
    built_on = models.DateField(_("opened on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("co-built platform")
        verbose_name_plural = _("co-built platforms")
        ordering = ["pairing", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "name"], name="coop_platform_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PairingActivity(models.Model):
    """An activity of a pairing: visits, training, forums, young talents going to Hainan."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="activities", verbose_name=_("pairing")
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    talents = models.PositiveIntegerField(_("young talents to Hainan"), default=0)

    class Meta:
        verbose_name = _("pairing activity")
        verbose_name_plural = _("pairing activities")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "held_on", "title"], name="coop_activity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class PairingResult(models.Model):
    """A result a pairing achieved (project landed, enterprise set up, achievement transferred)."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="results", verbose_name=_("pairing")
    )
    achieved_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ResultKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("pairing result")
        verbose_name_plural = _("pairing results")
        ordering = ["-achieved_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "achieved_on", "title"], name="coop_result_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class KeyTask(TimeStampedModel):
    """A key task of measure 五 with direct support from a MOST department (司局直接对口支持)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="key_tasks",
        verbose_name=_("responsible MOST department"),
    )  # PROTECT: a task's department is reassigned, never cascaded away
    supporting_units = models.ManyToManyField(
        Party, related_name="supported_tasks", verbose_name=_("supporting Hainan units")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    report_every_days = models.PositiveSmallIntegerField(_("report every (days)"), default=90)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")
        ordering = ["number", "pk"]

    def __str__(self) -> str:
        return f"{self.number}. {self.display_title}"

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_en)

    def is_overdue(self, on: dt.date) -> bool:
        return bool(self.deadline and self.deadline < on and self.status != TaskStatus.COMPLETED)


class CooperationItem(TimeStampedModel):
    """An agreed piece of cooperation between a Hainan side and a partner side (合作事项)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="items", verbose_name=_("measure")
    )  # PROTECT: measures are fixed by the mechanism
    fields = models.ManyToManyField(Field, blank=True, related_name="+", verbose_name=_("fields"))
    mode = models.CharField(_("cooperation mode"), max_length=20, choices=CooperationMode.choices)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.MANUAL
    )
    source_demand = models.ForeignKey(
        Demand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("source demand"),
    )  # SET_NULL: an item outlives the demand record it came from
    origin_note = models.CharField(_("origin note"), max_length=200, blank=True)
    pairing = models.ForeignKey(
        Pairing,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("park pairing"),
    )  # SET_NULL: items survive a pairing's removal
    goals = models.TextField(_("goals"), blank=True)
    hainan_lead = models.CharField(_("responsible person (Hainan)"), max_length=100, blank=True)
    hainan_lead_contact = models.CharField(_("contact (Hainan)"), max_length=100, blank=True)
    partner_lead = models.CharField(_("responsible person (partner)"), max_length=100, blank=True)
    partner_lead_contact = models.CharField(_("contact (partner)"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("start year"))
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    weight = models.DecimalField(_("roll-up weight"), max_digits=6, decimal_places=2, default=1)
    report_every_days = models.PositiveSmallIntegerField(_("report every (days)"), default=90)
    version = models.PositiveIntegerField(_("content version"), default=1)
    created_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )  # SET_NULL: items outlive the account that entered them

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation item")
        verbose_name_plural = _("cooperation items")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="coop_item_weight_positive"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=1), name="coop_item_progress_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def parties_on(self, side: str) -> list[Party]:
        return [s.party for s in self.sides.all() if s.side == side]

    @property
    def hainan_parties(self) -> list[Party]:
        return self.parties_on(Side.HAINAN)

    @property
    def partner_parties(self) -> list[Party]:
        return self.parties_on(Side.PARTNER)


class ItemParty(models.Model):
    """One party on one side of an item."""

    item = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="sides", verbose_name=_("item")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="item_sides", verbose_name=_("party")
    )  # PROTECT: parties with items are deactivated, not deleted
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)

    class Meta:
        verbose_name = _("item party")
        verbose_name_plural = _("item parties")
        ordering = ["item", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "party"], name="coop_itemparty_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.party}"


class ItemAgreement(models.Model):
    """One side's agreement to a proposed item (both are needed before it is agreed).

    ``on_behalf``: the joint office agreed for this side, with ``reason``.
    """

    item = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("item")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    version = models.PositiveIntegerField(_("content version agreed"))
    agreed_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )  # SET_NULL: an agreement outlives the account that gave it
    agreed_name = models.CharField(_("agreed by (name)"), max_length=150, blank=True)
    on_behalf = models.BooleanField(_("by the joint office on the side's behalf"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("side's agreement")
        verbose_name_plural = _("sides' agreements")
        ordering = ["item", "side", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "side"], name="coop_agreement_one_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_side_display()}: {self.agreed_name}"


class Indicator(models.Model):
    """A measurable target of an item (e.g. 联合项目 3 项, 投入资金 500 万元)."""

    item = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("item")
    )
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(_("reported value"), max_digits=14, decimal_places=2, default=0)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "code"], name="coop_indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(target__gt=0), name="coop_indicator_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.target}{self.unit}"

    @property
    def attainment(self) -> float:
        return min(float(self.actual) / float(self.target), 1.0) if self.target else 0.0


class Milestone(models.Model):
    """A dated step of an item or of a key task."""

    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("item"),
    )
    task = models.ForeignKey(
        KeyTask,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("key task"),
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(task__isnull=True))
                | (Q(item__isnull=True) & Q(task__isnull=False)),
                name="coop_milestone_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.title}"

    def is_overdue(self, on: dt.date) -> bool:
        return self.done_on is None and self.due_on < on


class ProgressReport(models.Model):
    """A periodic progress report on an item or a key task, by a party involved in it."""

    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("item"),
    )
    task = models.ForeignKey(
        KeyTask,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("key task"),
    )
    reporter_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by party"),
    )  # PROTECT: reports keep their author's organisation
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, blank=True)
    as_of = models.DateField(_("as of"))
    text = models.TextField(_("report"))
    values = models.JSONField(_("indicator values"), default=dict, blank=True)
    milestones_done = models.JSONField(_("milestones done"), default=list, blank=True)
    progress_after = models.FloatField(_("progress after the report"), default=0.0)
    submitted_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )  # SET_NULL: reports outlive accounts
    submitted_name = models.CharField(_("submitted by (name)"), max_length=150, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(item__isnull=False) & Q(task__isnull=True))
                | (Q(item__isnull=True) & Q(task__isnull=False)),
                name="coop_report_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.as_of} {self.submitted_name}"


class ItemVersion(models.Model):
    """A yearly version of an item's content (动态调整合作内容): what changed, why, by which decision."""

    item = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="versions", verbose_name=_("item")
    )
    number = models.PositiveIntegerField(_("version"))
    year = models.PositiveSmallIntegerField(_("applies from year"))
    content = models.JSONField(_("content"))
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decision_ref = models.CharField(_("decision"), max_length=200, blank=True)
    actor = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )  # SET_NULL: history survives account removal
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        ordering = ["item", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="coop_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.item.number} v{self.number} ({self.year})"
