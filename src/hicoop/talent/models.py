"""Models of foreign talent: negative-list versions and entries, points tables, employers'
pre-checks, work permits and the audit of unmasked personal-data reads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.talent.choices import (
    Decision,
    ListStatus,
    PermitClass,
    PermitStatus,
    PositionKind,
    ReadChannel,
    Restriction,
)
from hicoop.talent.roles import is_editor, member_party_ids, reads_all
from hicoop.talent.transitions import LIST_WORKFLOW
from hicoop.taxonomy.models import IndustryCode, pick_language

IN_FORCE = (ListStatus.PUBLISHED, ListStatus.SUPERSEDED)


class ListVersionQuerySet(models.QuerySet["ListVersion"]):
    def visible_to(self, user: Any) -> ListVersionQuerySet:
        """Everyone reads published and superseded versions; editors and global readers drafts."""
        if reads_all(user):
            return self.all()
        return self.filter(status__in=IN_FORCE)

    def editable_by(self, user: Any) -> ListVersionQuerySet:
        if not is_editor(user):
            return self.none()
        return self.filter(status__in=(ListStatus.DRAFT, ListStatus.UNDER_REVIEW))


class ListVersion(models.Model):
    """One version of the 外国人来海南自由贸易港工作许可负面清单 with its dates and status."""

    number = models.CharField(_("version number"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    document = models.CharField(_("document"), max_length=200, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    decision = models.TextField(_("reason and decision behind the adjustment"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ListVersionQuerySet.as_manager()
    workflow = LIST_WORKFLOW

    class Meta:
        verbose_name = _("negative-list version")
        verbose_name_plural = _("negative-list versions")
        ordering = ["-effective_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gt=models.F("effective_from")),
                name="talent_version_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.display_title}"

    @property
    def display_title(self) -> str:
        return pick_language(self.title, self.title_en)

    @property
    def frozen(self) -> bool:
        return self.status in IN_FORCE


class ListEntry(models.Model):
    """One line of a version: what it covers and the restriction, with its legal reference."""

    version = models.ForeignKey(
        ListVersion, on_delete=models.CASCADE, related_name="entries", verbose_name=_("version")
    )
    code = models.CharField(_("entry number"), max_length=20)
    industry = models.ForeignKey(
        IndustryCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("industry")
    )  # PROTECT: a listed industry code outlives the list
    occupation = models.CharField(_("occupation (GB/T 6565)"), max_length=12, blank=True)
    position_kind = models.CharField(
        _("position kind"), max_length=20, choices=PositionKind.choices, blank=True
    )
    restriction = models.CharField(_("restriction"), max_length=20, choices=Restriction.choices)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    legal_reference = models.CharField(_("legal reference"), max_length=300)
    policy = models.ForeignKey(
        "policies.Policy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cited policy"),
    )  # SET_NULL: the legal reference text stays when a catalogue record goes
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("negative-list entry")
        verbose_name_plural = _("negative-list entries")
        ordering = ["version", "code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="talent_entry_unique_code"),
            models.UniqueConstraint(
                fields=["version", "industry", "occupation", "position_kind"],
                name="talent_entry_unique_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.industry.code}"

    @property
    def occupation_label(self) -> str:
        from hicoop.talent import occupations

        return occupations.label(self.occupation)


class PointsTable(models.Model):
    """A versioned points table of the national A/B/C classification (editable data)."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    effective_from = models.DateField(_("effective from"))
    data = models.JSONField(_("factors and thresholds"))

    class Meta:
        verbose_name = _("points table")
        verbose_name_plural = _("points tables")
        ordering = ["-effective_from", "-pk"]

    def __str__(self) -> str:
        return self.version


class PreCheckQuerySet(models.QuerySet["PreCheck"]):
    def visible_to(self, user: Any) -> PreCheckQuerySet:
        """Editors and global readers see all; an employer's members see the employer's own."""
        if reads_all(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(employer_id__in=member_party_ids(user))


class PreCheck(models.Model):
    """An employer's self pre-check (自助预检) of a position, stored with its answer and trace."""

    employer = models.ForeignKey(
        "parties.Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )  # SET_NULL: the counts by industry outlive a removed employer
    employer_uscc = models.CharField(_("employer USCC"), max_length=18, blank=True)
    industry = models.ForeignKey(
        IndustryCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("industry")
    )  # PROTECT: stored answers keep their industry
    occupation = models.CharField(_("occupation (GB/T 6565)"), max_length=12, blank=True)
    position_kind = models.CharField(
        _("position kind"), max_length=20, choices=PositionKind.choices, blank=True
    )
    position_title = models.CharField(_("position"), max_length=200, blank=True)
    on = models.DateField(_("date checked"))
    version = models.ForeignKey(
        ListVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("list version"),
    )  # SET_NULL: a deleted draft never decided a stored pre-check
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    trace = models.JSONField(_("trace"), default=dict)
    actor_name = models.CharField(_("checked by"), max_length=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PreCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("self pre-check")
        verbose_name_plural = _("self pre-checks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.industry.code} {self.get_decision_display()}"


class PermitQuerySet(models.QuerySet["Permit"]):
    def visible_to(self, user: Any) -> PermitQuerySet:
        """Every signed-in member reads the registry; personal data is masked by role."""
        if reads_all(user) or member_party_ids(user):
            return self.all()
        return self.none()

    def editable_by(self, user: Any) -> PermitQuerySet:
        return self.all() if is_editor(user) else self.none()


class Permit(models.Model):
    """A foreigner's work permit as registered by the national system (personal data inside)."""

    number = models.CharField(_("permit number"), max_length=40, unique=True)
    holder_name = models.CharField(_("holder name"), max_length=200)
    nationality = models.CharField(_("nationality"), max_length=60)
    passport_number = models.CharField(_("passport number"), max_length=30)
    birth_date = models.DateField(_("birth date"))
    employer = models.ForeignKey(
        "parties.Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )  # SET_NULL: the registry keeps the permit; the USCC still names the employer
    employer_uscc = models.CharField(_("employer USCC"), max_length=18, db_index=True)
    employer_name = models.CharField(_("employer name"), max_length=200)
    position_title = models.CharField(_("position"), max_length=200)
    position_kind = models.CharField(
        _("position kind"), max_length=20, choices=PositionKind.choices, blank=True
    )
    industry = models.ForeignKey(
        IndustryCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("industry")
    )  # PROTECT: permits keep their industry
    occupation = models.CharField(_("occupation (GB/T 6565)"), max_length=12, blank=True)
    permit_class = models.CharField(_("class"), max_length=1, choices=PermitClass.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=20, choices=PermitStatus.choices, default=PermitStatus.VALID
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PermitQuerySet.as_manager()

    class Meta:
        verbose_name = _("work permit")
        verbose_name_plural = _("work permits")
        ordering = ["-valid_from", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="talent_permit_validity"
            )
        ]

    def __str__(self) -> str:
        return self.number


class PersonalDataRead(models.Model):
    """One unmasked read of a permit holder's personal data: who, when, which record, why."""

    permit = models.ForeignKey(
        Permit, on_delete=models.CASCADE, related_name="reads", verbose_name=_("permit")
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reader"),
    )  # SET_NULL: the audit row outlives the account; reader_name keeps who it was
    reader_name = models.CharField(_("reader"), max_length=150)
    channel = models.CharField(_("channel"), max_length=10, choices=ReadChannel.choices)
    purpose = models.CharField(_("purpose"), max_length=200)
    at = models.DateTimeField(_("read at"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal-data read")
        verbose_name_plural = _("personal-data reads")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reader_name} {self.permit_id}"
