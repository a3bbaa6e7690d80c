from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "hicoop.listings"
    label = "listings"
    verbose_name = _("Demands, capabilities and achievements")

    def ready(self) -> None:
        from hicoop.core.readable import register_code_labels
        from hicoop.listings.choices import TransferMode

        register_code_labels("listings.Achievement", "transfer_modes", TransferMode.choices)
