from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """The annual promotion meeting (合作机制推进会) and ministry–province consultations: topics, agenda, 1:1 sessions, decisions."""

    name = "hicoop.meetings"
    label = "meetings"
    verbose_name = _("Promotion meetings")

    def ready(self) -> None:
        from hicoop.core.notifications import register_kinds
        from hicoop.core.panels import register_panel
        from hicoop.core.workspace import register_todos
        from hicoop.credit.gates import meeting_invitation_gate
        from hicoop.meetings import pipeline, todos
        from hicoop.meetings.choices import NOTICE_KINDS
        from hicoop.meetings.gates import register_invitation_gate

        register_kinds(*NOTICE_KINDS)
        register_todos(todos.todos)
        register_panel(
            "cooperation.CooperationItem", "meetings/_item_decisions.html", todos.item_panel
        )
        pipeline.register()
        # Credit supervision (below meetings): a D-grade employer's delegate needs an override.
        register_invitation_gate(meeting_invitation_gate)
