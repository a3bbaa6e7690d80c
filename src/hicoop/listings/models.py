"""Demands (合作需求), capabilities (合作供给) and technology achievements (科技成果)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.listings.choices import (
    CooperationMode,
    IpType,
    ListingKind,
    ListingStatus,
    Maturity,
)
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, IndustryCode, Measure


class ListingQuerySet(models.QuerySet[Any]):
    def owned_by_scope(self, user: Any) -> ListingQuerySet:
        """Records whose owner lies in the user's editable parties."""
        editable = Party.objects.editable_by(user).values("pk")
        return self.filter(owner__in=editable)

    def visible_to(self, user: Any, on: dt.date | None = None) -> ListingQuerySet:
        """Global readers see all; owners see their own in any state; others see live records."""
        today = on or dt.date.today()
        if roles.reads_everything(user):
            return self.all()
        live = Q(status=ListingStatus.PUBLISHED) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        if not getattr(user, "is_authenticated", False):
            return self.filter(live)
        own = Q(owner__in=Party.objects.worked_on_by(user).values("pk"))
        return self.filter(live | own)

    def editable_by(self, user: Any) -> ListingQuerySet:
        if roles.is_joint_office_admin(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.owned_by_scope(user)


class Listing(models.Model):
    """What demands, capabilities and achievements share: owner, fields, status, search text."""

    kind: str = ""
    external_id = models.CharField(_("external id"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )  # PROTECT: an owner with records is deactivated, not deleted
    fields = models.ManyToManyField(Field, blank=True, related_name="+", verbose_name=_("fields"))
    industries = models.ManyToManyField(
        IndustryCode, blank=True, related_name="+", verbose_name=_("GB/T 4754 codes")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )  # SET_NULL: records outlive the account that typed them in
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def is_expired(self, on: dt.date | None = None) -> bool:
        today = on or dt.date.today()
        return self.status == ListingStatus.PUBLISHED and bool(
            self.ends_on and self.ends_on < today
        )

    @property
    def body(self) -> str:
        return ""

    @property
    def keyword_list(self) -> list[str]:
        return []


def _constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(
            fields=["external_id"],
            condition=~Q(external_id=""),
            name=f"{prefix}_unique_external_id",
        ),
    ]


class Demand(Listing):
    """A cooperation demand of a Hainan unit or park (以海南实际需求为牵引)."""

    kind = ListingKind.DEMAND
    description = models.TextField(_("description"))
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="demands", verbose_name=_("measure")
    )  # PROTECT: measures are fixed by the mechanism
    mode = models.CharField(_("cooperation mode"), max_length=20, choices=CooperationMode.choices)
    required_capabilities = models.JSONField(_("required capabilities"), default=list, blank=True)
    preferred_regions = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("preferred partner regions")
    )
    budget_min = models.DecimalField(
        _("budget from (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(_("desired start"), null=True, blank=True)

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            *_constraints("listings_demand"),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=models.F("budget_max")),
                name="listings_demand_budget_order",
            ),
        ]

    @property
    def body(self) -> str:
        return self.description

    @property
    def keyword_list(self) -> list[str]:
        return list(self.required_capabilities)


class Capability(Listing):
    """What a partner unit, park or region can offer (合作供给)."""

    kind = ListingKind.CAPABILITY
    description = models.TextField(_("description"))
    tags = models.JSONField(_("capability tags"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity (concurrent cooperations)"), default=1)
    regions_served = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("regions served")
    )

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["-updated_at", "-pk"]
        constraints = _constraints("listings_capability")

    @property
    def body(self) -> str:
        return self.description

    @property
    def keyword_list(self) -> list[str]:
        return list(self.tags)


class Achievement(Listing):
    """A technology achievement (科技成果) of a unit, offered for transfer."""

    kind = ListingKind.ACHIEVEMENT
    abstract = models.TextField(_("abstract"))
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    maturity = models.CharField(_("maturity"), max_length=20, choices=Maturity.choices, blank=True)
    ip_type = models.CharField(_("IP type"), max_length=30, choices=IpType.choices, blank=True)
    ip_numbers = models.JSONField(_("IP numbers"), default=list, blank=True)
    transfer_modes = models.JSONField(_("transfer modes"), default=list, blank=True)
    price_min = models.DecimalField(
        _("price from (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("price up to (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("technology achievement")
        verbose_name_plural = _("technology achievements")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            *_constraints("listings_achievement"),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="listings_achievement_price_order",
            ),
        ]

    @property
    def body(self) -> str:
        return self.abstract

    @property
    def keyword_list(self) -> list[str]:
        return list(self.keywords)
