from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "hicoop.parties"
    label = "parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from hicoop.core.panels import register_home_part
        from hicoop.parties.pickers import register_sources
        from hicoop.parties.selectors import home_part

        register_home_part(home_part)
        register_sources()
