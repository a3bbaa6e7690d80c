from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hicoop.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Every app declares its job kinds in jobs.py; workers and the API must know them all.
        autodiscover_modules("jobs")
        from hicoop.core import notice_mail  # noqa: F401  (the daily digest job kind)
