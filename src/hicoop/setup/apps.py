from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetupConfig(AppConfig):
    """The composition root: commands that set up a whole platform (mechanism facts, demo data,
    the first administrator, reference imports). It may import every app; no app imports it."""

    name = "hicoop.setup"
    label = "setup"
    verbose_name = _("Platform setup")
