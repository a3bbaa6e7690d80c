from django.db import models
from django.utils.translation import gettext_lazy as _


class RunMode(models.TextChoices):
    POINT_TO_POINT = "point_to_point", _("Point-to-point: ranked partners for one demand")
    ONE_TO_ONE = "one_to_one", _("One-to-one: batch assignment under capacities")
    MANY_TO_ONE = "many_to_one", _("Many-to-one: a coalition covering a demand's requirements")


class InterestStatus(models.TextChoices):
    SENT = "sent", _("Sent, awaiting an answer")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined by the other side")
    WITHDRAWN = "withdrawn", _("Withdrawn by the sender")


class InterestDirection(models.TextChoices):
    """Who sent an interest; the other side answers it (ADR 0049)."""

    FROM_OWNER = "from_owner", _("From the demand owner")
    FROM_PARTNER = "from_partner", _("From the partner")


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    NO_CAPACITY = "no_capacity", _("No capacity")
    TERMS = "terms", _("Terms")
    OTHER = "other", _("Other")
