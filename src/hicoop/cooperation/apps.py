from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "hicoop.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation items, park pairings and key tasks")

    def ready(self) -> None:
        from hicoop.cooperation.choices import IndicatorKind
        from hicoop.core.readable import register_code_labels

        register_code_labels("cooperation.ProgressReport", "values", IndicatorKind.choices)
