"""Choices of the reports app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopeKind(models.TextChoices):
    MECHANISM = "mechanism", _("Whole mechanism")
    REGION = "region", _("Partner region")
    PARK = "park", _("Park")


class ReportStatus(models.TextChoices):
    SNAPSHOT = "snapshot", _("Figures taken")
    READY = "ready", _("Files ready")


class Language(models.TextChoices):
    ZH = "zh-hans", _("Chinese")
    EN = "en", _("English")
