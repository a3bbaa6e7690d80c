from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class CooperationMode(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one (一对一)")
    POINT_TO_POINT = "point_to_point", _("Point-to-point (点对点)")
    MANY_TO_ONE = "many_to_one", _("Many-to-one (多对一)")


class Maturity(models.TextChoices):
    LAB = "lab", _("Laboratory stage")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    SMALL_BATCH = "small_batch", _("Small-batch production")
    INDUSTRIALISED = "industrialised", _("Industrialised")


class IpType(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    PLANT_VARIETY = "plant_variety", _("Plant variety right")
    TECHNICAL_SECRET = "technical_secret", _("Technical secret")
    OTHER = "other", _("Other")


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", _("Assignment (转让)")
    LICENSE = "license", _("Licence (许可)")
    EQUITY = "equity", _("Equity investment (作价投资)")
    SERVICE = "service", _("Technical service or joint development")


class ListingKind(models.TextChoices):
    DEMAND = "demand", _("Demand")
    CAPABILITY = "capability", _("Capability")
    ACHIEVEMENT = "achievement", _("Technology achievement")
