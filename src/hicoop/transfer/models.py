"""Technology transfer contracts (技术合同), payments, the ownership-rights pilot (赋权试点), 百城百园
campaigns with adoptions, and service organisations such as 国家技术转移海南中心."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.cooperation.models import CooperationItem
from hicoop.core.models import TimeStampedModel
from hicoop.listings.models import Achievement
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field
from hicoop.transfer.choices import (
    AdoptionResult,
    ContractType,
    GrantStatus,
    PaymentKind,
    RightKind,
    TransferStatus,
    Zone,
)
from hicoop.transfer.transitions import GRANT_WORKFLOW, TRANSFER_WORKFLOW

_USER = settings.AUTH_USER_MODEL
MAX_AMOUNT = Decimal("10000000")  # 万元: a thousand billion yuan is beyond any single contract


class _ScopedQuerySet(models.QuerySet[Any]):
    """Records scoped through the parties involved in them (``involved`` names the lookups)."""

    involved: tuple[str, ...] = ()

    def _in_scope(self, user: Any, *, write: bool) -> Any:
        scope = Party.objects.editable_by(user) if write else Party.objects.worked_on_by(user)
        parties = scope.values("pk")
        condition = Q(pk__in=[])
        for lookup in self.involved:
            condition |= Q(**{f"{lookup}__in": parties})
        return self.filter(condition)

    def visible_to(self, user: Any) -> Any:
        """Global readers see everything; members what involves their scope; visitors nothing."""
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


class TransferQuerySet(_ScopedQuerySet):
    involved = ("seller", "buyer", "broker")


class GrantQuerySet(_ScopedQuerySet):
    involved = ("institution__party", "achievement__owner")


class InstitutionQuerySet(_ScopedQuerySet):
    involved = ("party",)


class AdoptionQuerySet(_ScopedQuerySet):
    involved = ("adopter", "achievement__owner")


class CampaignQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> Any:
        """Campaigns are public promotion: every signed-in member sees them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.all()

    def editable_by(self, user: Any) -> Any:
        return self.all() if roles.is_joint_office_admin(user) else self.none()


class ServiceOrganisation(TimeStampedModel):
    """A technology-transfer service organisation (e.g. 国家技术转移海南中心) and its services."""

    party = models.OneToOneField(
        Party, on_delete=models.PROTECT, related_name="transfer_service", verbose_name=_("party")
    )  # PROTECT: parties with records are deactivated, not deleted
    services = models.JSONField(_("services offered"), default=list, blank=True)
    is_national_centre = models.BooleanField(
        _("national technology transfer centre"), default=False
    )

    class Meta:
        verbose_name = _("service organisation")
        verbose_name_plural = _("service organisations")
        ordering = ["party__name", "pk"]

    def __str__(self) -> str:
        return str(self.party)


class Transfer(TimeStampedModel):
    """One technology contract: what, from whom to whom, how much, registered where and when."""

    workflow = TRANSFER_WORKFLOW

    title = models.CharField(_("title"), max_length=200)
    achievement = models.ForeignKey(
        Achievement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("technology achievement"),
    )  # SET_NULL: the contract outlives the listing; its description keeps what was sold
    description = models.TextField(_("description of the technology"), blank=True)
    seller = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="transfers_sold", verbose_name=_("seller")
    )  # PROTECT: parties with contracts are deactivated, not deleted
    buyer = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="transfers_bought", verbose_name=_("buyer")
    )  # PROTECT: as above
    broker = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_brokered",
        verbose_name=_("broker or service organisation"),
    )  # PROTECT: as above
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    amount = models.DecimalField(_("contract amount (10k yuan)"), max_digits=12, decimal_places=2)
    technology_amount = models.DecimalField(
        _("technology transaction amount (10k yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    registration_number = models.CharField(
        _("technology contract registration number"), max_length=18, blank=True
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    zone = models.CharField(
        _("transfer demonstration zone"), max_length=20, choices=Zone.choices, blank=True
    )
    programmes = models.JSONField(_("programme tags"), default=list, blank=True)
    field = models.ForeignKey(
        Field,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )  # PROTECT: fields are reference data
    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("cooperation item"),
    )  # SET_NULL: the contract outlives the item record
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )  # SET_NULL: records outlive the account that typed them in

    objects = TransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("technology transfer contract")
        verbose_name_plural = _("technology transfer contracts")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="transfer_unique_registration_number",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=MAX_AMOUNT),
                name="transfer_amount_range",
            ),
            models.CheckConstraint(
                condition=Q(technology_amount__isnull=True)
                | (Q(technology_amount__gte=0) & Q(technology_amount__lte=models.F("amount"))),
                name="transfer_technology_part_within_amount",
            ),
            models.CheckConstraint(
                condition=~Q(seller=models.F("buyer")), name="transfer_seller_not_buyer"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Payment(models.Model):
    """Money (or equity) received against a contract; the sum never exceeds the amount."""

    transfer = models.ForeignKey(
        Transfer, on_delete=models.CASCADE, related_name="payments", verbose_name=_("contract")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=PaymentKind.choices, default=PaymentKind.PAYMENT
    )
    amount = models.DecimalField(_("amount (10k yuan)"), max_digits=12, decimal_places=2)
    received_on = models.DateField(_("received on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by_name = models.CharField(_("recorded by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.received_on})"


class PilotInstitution(TimeStampedModel):
    """A Hainan university, institute or hospital in the ownership-rights pilot (赋权试点)."""

    party = models.OneToOneField(
        Party, on_delete=models.PROTECT, related_name="rights_pilot", verbose_name=_("institution")
    )  # PROTECT: pilot records keep naming their institution
    joined_on = models.DateField(_("joined the pilot on"))
    document = models.CharField(_("pilot document"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("pilot institution")
        verbose_name_plural = _("pilot institutions")
        ordering = ["party__name", "pk"]

    def __str__(self) -> str:
        return str(self.party)


class Grant(TimeStampedModel):
    """Ownership or a long-term use right of a service invention granted to researchers."""

    workflow = GRANT_WORKFLOW

    institution = models.ForeignKey(
        PilotInstitution,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("pilot institution"),
    )  # PROTECT: grants are history of the pilot
    achievement = models.ForeignKey(
        Achievement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rights_grants",
        verbose_name=_("technology achievement"),
    )  # SET_NULL: the grant outlives the listing; its title keeps what was granted
    achievement_title = models.CharField(_("achievement"), max_length=200)
    right = models.CharField(_("right granted"), max_length=20, choices=RightKind.choices)
    term_years = models.PositiveSmallIntegerField(_("term (years)"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    document = models.CharField(_("approval document"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights grant")
        verbose_name_plural = _("rights grants")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.achievement_title

    @property
    def total_share(self) -> Decimal:
        return sum((s.share for s in self.shares.all()), Decimal(0))


class GrantShare(models.Model):
    """One researcher's share in a grant (percent)."""

    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="shares", verbose_name=_("grant")
    )
    researcher = models.CharField(_("researcher"), max_length=100)
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("researcher share")
        verbose_name_plural = _("researcher shares")
        ordering = ["grant", "-share", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="transfer_share_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.researcher} {self.share}%"


class Campaign(TimeStampedModel):
    """A 百城百园 (or other) promotion of advanced achievements in cities and parks."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    organiser = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )  # PROTECT: parties with records are deactivated, not deleted
    places = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("participating cities and parks")
    )
    achievements = models.ManyToManyField(
        Achievement, blank=True, related_name="campaigns", verbose_name=_("promoted achievements")
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("promotion campaign")
        verbose_name_plural = _("promotion campaigns")
        ordering = ["-year", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="transfer_campaign_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Adoption(TimeStampedModel):
    """A Hainan unit adopting a promoted achievement; may become a contract or an item."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("campaign")
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="+", verbose_name=_("achievement")
    )  # PROTECT: an adopted achievement is closed, not deleted
    adopter = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("adopting unit")
    )  # PROTECT: as above
    adopted_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=20, choices=AdoptionResult.choices)
    note = models.TextField(_("note"), blank=True)
    transfer = models.ForeignKey(
        Transfer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("resulting contract"),
    )  # SET_NULL: the adoption record outlives a removed draft contract
    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resulting cooperation item"),
    )  # SET_NULL: as above
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.adopter} ← {self.achievement}"
