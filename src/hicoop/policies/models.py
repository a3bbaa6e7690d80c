"""The policy catalogue: policies with dated versions and clauses, yearly editions, saved
"what applies to me" profiles and citations from other records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.parties.models import Party, ZoneDesignation
from hicoop.policies.choices import (
    ClauseKind,
    EditionStatus,
    ForeignTalent,
    PolicyCategory,
    PolicyLevel,
    PolicyStatus,
    VersionOrigin,
)
from hicoop.policies.roles import is_editor, member_party_ids, reads_all
from hicoop.taxonomy.models import Field, pick_language

_USER = settings.AUTH_USER_MODEL


class PolicyQuerySet(models.QuerySet["Policy"]):
    def visible_to(self, user: Any) -> PolicyQuerySet:
        """Editors and global readers see drafts too; everyone else every policy past draft."""
        if reads_all(user):
            return self.all()
        return self.exclude(status=PolicyStatus.DRAFT)

    def editable_by(self, user: Any) -> PolicyQuerySet:
        return self.all() if is_editor(user) else self.none()

    def in_force(self, on: dt.date) -> PolicyQuerySet:
        """Policies with a version in force on ``on``."""
        return self.filter(pk__in=PolicyVersion.objects.in_force(on).values("policy_id"))


class Policy(models.Model):
    """A policy document in the catalogue: who issued it, its level and area, who it is for."""

    key = models.CharField(_("external key"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    issuer = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )  # PROTECT: an issuer with policies is kept
    issuing_body = models.CharField(
        _("issuing body as written"), max_length=200, blank=True
    )  # e.g. a city congress under its province's issuer party
    level = models.CharField(_("level"), max_length=30, choices=PolicyLevel.choices)
    category = models.CharField(_("category"), max_length=20, choices=PolicyCategory.choices)
    tags = models.JSONField(_("sub-tags"), default=list, blank=True)
    fields = models.ManyToManyField(Field, blank=True, related_name="+", verbose_name=_("fields"))
    regions = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("regions it applies in")
    )
    parks = models.ManyToManyField(
        Party, blank=True, related_name="+", verbose_name=_("parks it applies in")
    )
    zones = models.ManyToManyField(
        ZoneDesignation, blank=True, related_name="+", verbose_name=_("zone designations")
    )
    entity_kinds = models.JSONField(_("for entity kinds"), default=list, blank=True)
    sizes = models.JSONField(_("for unit sizes"), default=list, blank=True)
    foreign_talent = models.CharField(
        _("foreign talent"), max_length=10, choices=ForeignTalent.choices, default=ForeignTalent.ANY
    )
    benefit_summary = models.TextField(_("benefit summary"), blank=True)
    benefit_summary_en = models.TextField(_("English benefit summary"), blank=True)
    benefit_clauses = models.JSONField(_("benefit clauses"), default=list, blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    source_note = models.CharField(_("source"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )  # SET_NULL: the old policy's history outlives its successor's record
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="policies_policy_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_en)

    @property
    def display_benefit(self) -> str:
        return pick_language(self.benefit_summary, self.benefit_summary_en)

    @property
    def issuer_name(self) -> str:
        return self.issuing_body or self.issuer.display_name


class VersionQuerySet(models.QuerySet["PolicyVersion"]):
    def in_force(self, on: dt.date) -> VersionQuerySet:
        return self.filter(
            Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        ).exclude(policy__status=PolicyStatus.DRAFT)

    def visible_to(self, user: Any) -> VersionQuerySet:
        return self.filter(policy__in=Policy.objects.visible_to(user).values("pk"))

    def editable_by(self, user: Any) -> VersionQuerySet:
        return self.all() if is_editor(user) else self.none()


class PolicyVersion(models.Model):
    """One text of a policy, in force from ``effective_from`` through ``effective_to`` (the last
    day, inclusive; open while empty). Versions of one policy never overlap."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="versions", verbose_name=_("policy")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    version_date = models.DateField(_("adopted or revised on"), null=True, blank=True)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    origin = models.CharField(_("origin"), max_length=20, choices=VersionOrigin.choices)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    change_document = models.CharField(
        _("document that made the change"), max_length=300, blank=True
    )
    change_document_url = models.URLField(_("link to that document"), max_length=500, blank=True)
    full_text = models.TextField(_("full text"), blank=True)
    source_sha = models.CharField(_("source checksum"), max_length=64, blank=True)
    source_path = models.CharField(_("source file"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "effective_from", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policies_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="policies_version_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} · v{self.number}"

    def in_force_on(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or self.effective_to >= on)


class Clause(models.Model):
    """A chapter, section, article or paragraph of one version, addressable as ``第十五条``."""

    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("version")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ClauseKind.choices)
    ordinal = models.PositiveIntegerField(_("position"))
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=40)
    address = models.CharField(_("address"), max_length=80)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    search_tokens = models.TextField(_("search tokens"), blank=True, editable=False)

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["version", "ordinal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "address"], name="policies_clause_address"),
        ]
        indexes = [models.Index(fields=["version", "kind"], name="policies_clause_kind_idx")]

    def __str__(self) -> str:
        return self.address


class EditionQuerySet(models.QuerySet["Edition"]):
    def visible_to(self, user: Any) -> EditionQuerySet:
        """Everyone reads published editions; editors and global readers also the others."""
        if reads_all(user):
            return self.all()
        return self.filter(status=EditionStatus.PUBLISHED)

    def editable_by(self, user: Any) -> EditionQuerySet:
        if not is_editor(user):
            return self.none()
        return self.exclude(status=EditionStatus.PUBLISHED)


class Edition(models.Model):
    """The catalogue of one year: a reviewed, published selection of policy versions."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_en = models.TextField(_("English introduction"), blank=True)
    as_of = models.DateField(_("versions as of"))
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalogue edition")
        verbose_name_plural = _("catalogue editions")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="policies_edition_year"
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_en)

    @property
    def frozen(self) -> bool:
        return self.status == EditionStatus.PUBLISHED


class EditionEntry(models.Model):
    """One policy version in an edition, with the joint office's summary."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="entries", verbose_name=_("edition")
    )
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="entries", verbose_name=_("policy")
    )  # PROTECT: a catalogued policy is repealed, never deleted
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="entries", verbose_name=_("version")
    )  # PROTECT: a published edition keeps the version it listed
    category = models.CharField(_("category"), max_length=20, choices=PolicyCategory.choices)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("English summary"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("edition entry")
        verbose_name_plural = _("edition entries")
        ordering = ["edition", "category", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "policy"], name="policies_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.edition.year} · {self.policy}"

    @property
    def display_summary(self) -> str:
        return pick_language(self.summary, self.summary_en)


class ProfileQuerySet(models.QuerySet["SavedProfile"]):
    def visible_to(self, user: Any) -> ProfileQuerySet:
        if reads_all(user):
            return self.all()
        return self.filter(party_id__in=member_party_ids(user))

    def editable_by(self, user: Any) -> ProfileQuerySet:
        if is_editor(user):
            return self.all()
        return self.filter(party_id__in=member_party_ids(user))


class SavedProfile(models.Model):
    """A unit's saved "what applies to me" question (kind, park, zone, region, fields …)."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="+", verbose_name=_("saved for")
    )
    name = models.CharField(_("name"), max_length=100)
    params = models.JSONField(_("profile"), default=dict)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # SET_NULL: the unit's profile outlives the account that saved it
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved profile")
        verbose_name_plural = _("saved profiles")
        ordering = ["party", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["party", "name"], name="policies_profile_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CitationQuerySet(models.QuerySet["Citation"]):
    def visible_to(self, user: Any) -> CitationQuerySet:
        """Citations on records the user may see (each citable model's own ``visible_to``)."""
        if reads_all(user):
            return self.all()
        from hicoop.policies.citables import CITABLES

        condition = Q(pk__in=[])
        for _label, citable in CITABLES.items():
            model = citable.model()
            visible = model._default_manager.visible_to(user).values("pk")  # type: ignore[attr-defined]
            condition |= Q(
                content_type=ContentType.objects.get_for_model(model), object_id__in=visible
            )
        return self.filter(condition)

    def editable_by(self, user: Any) -> CitationQuerySet:
        if is_editor(user):
            return self.all()
        from hicoop.policies.citables import CITABLES

        condition = Q(pk__in=[])
        for citable in CITABLES.values():
            model = citable.model()
            editable = model._default_manager.editable_by(user).values("pk")  # type: ignore[attr-defined]
            condition |= Q(
                content_type=ContentType.objects.get_for_model(model), object_id__in=editable
            )
        return self.filter(condition)


class Citation(models.Model):
    """A record (demand, cooperation item …) citing a policy version or one of its clauses."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )  # PROTECT: citations outlive schema clean-ups
    object_id = models.PositiveBigIntegerField(_("record id"))
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="citations", verbose_name=_("policy")
    )  # PROTECT: a cited policy is repealed, never deleted
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.PROTECT, related_name="citations", verbose_name=_("version")
    )  # PROTECT: the cited text stays readable
    clause = models.ForeignKey(
        Clause,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("clause"),
    )  # PROTECT: as above
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # SET_NULL: citations outlive accounts
    created_by_name = models.CharField(_("cited by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    alerted_at = models.DateTimeField(_("owners alerted at"), null=True, blank=True)

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy citation")
        verbose_name_plural = _("policy citations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version", "clause"],
                name="policies_citation_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="policies_citation_obj_idx")
        ]

    def __str__(self) -> str:
        return f"{self.policy} {self.clause or ''}".strip()

    @property
    def superseded(self) -> bool:
        """The cited version is no longer open-ended: amended, superseded or repealed."""
        return self.version.effective_to is not None
