from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The annual report, per-region reports, the cooperation network and the public progress page."""

    name = "hicoop.reports"
    label = "reports"
    verbose_name = _("Reports")
