from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldKind(models.TextChoices):
    LEADING_INDUSTRY = "leading_industry", _("Leading industry")
    PRIORITY_FIELD = "priority_field", _("Priority cooperation field")
    POLICY_AREA = "policy_area", _("Offshore innovation policy area")


class IndustryLevel(models.IntegerChoices):
    SECTION = 1, _("Section")
    DIVISION = 2, _("Division")
    GROUP = 3, _("Group")
    CLASS = 4, _("Class")


class DivisionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province level")
    PREFECTURE = 2, _("Prefecture level")
    COUNTY = 3, _("County level")
