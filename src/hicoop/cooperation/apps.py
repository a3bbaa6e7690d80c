from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "hicoop.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation items, park pairings and key tasks")
