from django.db import models
from django.utils.translation import gettext_lazy as _


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class Restriction(models.TextChoices):
    PROHIBITED = "prohibited", _("Prohibited")
    RESTRICTED = "restricted", _("Restricted")


class Decision(models.TextChoices):
    PROHIBITED = "prohibited", _("Prohibited")
    RESTRICTED = "restricted", _("Restricted (conditions apply)")
    NOT_LISTED = "not_listed", _("Not on the list (free-trade-port rules apply)")


class PositionKind(models.TextChoices):
    MANAGEMENT = "management", _("Senior management")
    TECHNICAL = "technical", _("Technical / research")
    TEACHING = "teaching", _("Teaching")
    MEDICAL = "medical", _("Medical practice")
    LEGAL = "legal", _("Legal services")
    MEDIA = "media", _("News and media")
    GENERAL = "general", _("General staff")


class PermitClass(models.TextChoices):
    A = "A", _("Class A (high-end talent)")
    B = "B", _("Class B (professional)")
    C = "C", _("Class C (other)")


class PermitStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class ReadChannel(models.TextChoices):
    PAGE = "page", _("Web page")
    API = "api", _("API")
    EXPORT = "export", _("Export")
    CLI = "cli", _("Command line")
