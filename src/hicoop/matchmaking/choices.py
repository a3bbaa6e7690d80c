from django.db import models
from django.utils.translation import gettext_lazy as _


class RunMode(models.TextChoices):
    POINT_TO_POINT = "point_to_point", _("Point-to-point: ranked partners for one demand")
    ONE_TO_ONE = "one_to_one", _("One-to-one: batch assignment under capacities")
    MANY_TO_ONE = "many_to_one", _("Many-to-one: a coalition covering a demand's requirements")


class InterestStatus(models.TextChoices):
    SENT = "sent", _("Sent, awaiting the partner")
    ACCEPTED = "accepted", _("Accepted by both")
    DECLINED = "declined", _("Declined by the partner")
    WITHDRAWN = "withdrawn", _("Withdrawn by the demand owner")


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    NO_CAPACITY = "no_capacity", _("No capacity")
    TERMS = "terms", _("Terms")
    OTHER = "other", _("Other")
