from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    """Credit supervision of foreign workers and their employers: events, grades, objections and repair."""

    name = "hicoop.credit"
    label = "credit"
    verbose_name = _("Credit supervision")
