from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """The annual promotion meeting (合作机制推进会) and ministry–province consultations: topics, agenda, 1:1 sessions, decisions."""

    name = "hicoop.meetings"
    label = "meetings"
    verbose_name = _("Promotion meetings")
