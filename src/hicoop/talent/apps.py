from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    """Foreign talent in the free trade port: the work-permit negative list, the checker and the permit registry."""

    name = "hicoop.talent"
    label = "talent"
    verbose_name = _("Foreign talent")

    def ready(self) -> None:
        from hicoop.talent import jobs, notices  # noqa: F401 - registers kinds
