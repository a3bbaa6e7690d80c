from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Monitoring and evaluation (监测评价), the guidance-fund allocation factor and commendations."""

    name = "hicoop.evaluation"
    label = "evaluation"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from hicoop.evaluation import agenda

        agenda.register()
