"""The mechanism's parties: ministries, the joint office, regions, parks, cities, centres, units."""

from __future__ import annotations

from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.core.access import party_roles as roles
from hicoop.core.models import TimeStampedModel
from hicoop.parties.choices import PUBLIC_KINDS, PartyKind, PartySubtype
from hicoop.taxonomy.models import Division, Field, pick_language


def _subtree_q(paths: tuple[str, ...]) -> Q:
    return reduce(or_, (Q(path__startswith=p) for p in paths), Q(pk__in=[]))


class PartyQuerySet(models.QuerySet["Party"]):
    def visible_to(self, user: Any) -> PartyQuerySet:
        """Parties ``user`` may see.

        Global readers see everything; other members see every active party plus anything
        (active or not) in their own scope; anonymous visitors see active non-unit parties.
        """
        if roles.reads_everything(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.filter(is_active=True, kind__in=PUBLIC_KINDS)
        own = _subtree_q(roles.subtree_paths(user)) | Q(pk__in=roles.own_party_ids(user))
        return self.filter(Q(is_active=True) | own)

    def worked_on_by(self, user: Any) -> PartyQuerySet:
        """Parties whose records a member works with: those they may edit plus their own."""
        editable = self.editable_by(user).values("pk")
        return self.filter(Q(pk__in=editable) | Q(pk__in=roles.own_party_ids(user)))

    def editable_by(self, user: Any) -> PartyQuerySet:
        """Parties ``user`` may change: the admin all, scoped roles their subtree, units their own."""
        if roles.is_joint_office_admin(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = _subtree_q(roles.subtree_paths(user)) | Q(pk__in=roles.unit_party_ids(user))
        return self.filter(scope)


class ZoneDesignation(models.Model):
    """A designation a Hainan park carries under measure 二 (e.g. 国际科技合作试验区)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=150)

    class Meta:
        verbose_name = _("zone designation")
        verbose_name_plural = _("zone designations")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)


class Party(TimeStampedModel):
    """An organisation taking part in the mechanism, placed in the region → park → unit tree."""

    external_id = models.CharField(
        _("external id"),
        max_length=64,
        blank=True,
        help_text=_("Stable key used by imports and the mechanism loader."),
    )
    name = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=PartyKind.choices)
    subtype = models.CharField(
        _("subtype"), max_length=30, choices=PartySubtype.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )  # PROTECT: children are moved or removed first, never cascaded away
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False)
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parties",
        verbose_name=_("administrative division"),
    )  # PROTECT: division codes are reference data
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    fields = models.ManyToManyField(
        Field, blank=True, related_name="parties", verbose_name=_("fields")
    )
    designations = models.ManyToManyField(
        ZoneDesignation, blank=True, related_name="parties", verbose_name=_("zone designations")
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["path", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name"], name="parties_party_unique_name"),
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="parties_party_unique_credit_code",
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="parties_party_unique_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return pick_language(self.name, self.name_en)

    @property
    def display_description(self) -> str:
        return pick_language(self.description, self.description_en)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2 if self.path else 0

    def ancestors(self) -> models.QuerySet[Party]:
        ids = [int(p) for p in self.path.strip("/").split("/")[:-1] if p]
        return Party.objects.filter(pk__in=ids).order_by("path")


class RegionPriorityField(TimeStampedModel):
    """One cell of measure 一's key-region × priority-field matrix, for one year."""

    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="priority_fields",
        verbose_name=_("region"),
        limit_choices_to={"kind": PartyKind.REGION},
    )  # PROTECT: the matrix is history the evaluation relies on
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="priority_regions", verbose_name=_("field")
    )  # PROTECT: as above
    weight = models.DecimalField(
        _("boost weight"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    basis = models.TextField(_("basis in the mechanism"), blank=True)

    class Meta:
        verbose_name = _("key-region priority field")
        verbose_name_plural = _("key-region × priority-field matrix")
        ordering = ["-year", "region__path", "field__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "region", "field"], name="parties_priority_unique_cell"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=10),
                name="parties_priority_weight_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region} × {self.field}"
