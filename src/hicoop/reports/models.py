"""Reports: a frozen snapshot of every figure of one year's report for one scope (ADR 0045)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hicoop.accounts import roles
from hicoop.parties.models import Party
from hicoop.reports.choices import Language, ReportStatus, ScopeKind

_USER = settings.AUTH_USER_MODEL


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: Any) -> ReportQuerySet:
        """Global readers see every report; coordinators and park managers those of their scope."""
        if roles.reads_everything(user):
            return self.all()
        paths = roles.subtree_paths(user)
        if not paths:
            return self.none()
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(scope_party__path__startswith=path)
        return self.filter(condition)


class Report(models.Model):
    """One year's report for one scope: the figures as JSON, when they were taken, the formulas."""

    year = models.PositiveSmallIntegerField(_("year"))
    scope_kind = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    scope_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region or park"),
    )  # PROTECT: a party with reports is deactivated, never deleted
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH
    )
    snapshot = models.JSONField(_("figures"), default=dict)
    formula_versions = models.JSONField(_("formula versions"), default=dict)
    taken_at = models.DateTimeField(_("figures taken at"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.SNAPSHOT
    )
    files = models.JSONField(_("files"), default=list, blank=True)
    created_by = models.ForeignKey(
        _USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )  # SET_NULL: reports outlive the account that asked for them
    created_by_name = models.CharField(_("asked for by"), max_length=150, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="reports_report_year"
            ),
            models.CheckConstraint(
                condition=Q(scope_kind=ScopeKind.MECHANISM, scope_party__isnull=True)
                | (~Q(scope_kind=ScopeKind.MECHANISM) & Q(scope_party__isnull=False)),
                name="reports_report_scope_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.scope_label}"

    @property
    def scope_label(self) -> str:
        if self.scope_party is None:
            return str(ScopeKind.MECHANISM.label)
        return self.scope_party.display_name
