from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "hicoop.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation items, park pairings and key tasks")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from hicoop.cooperation import notices, workspace
        from hicoop.cooperation.choices import IndicatorKind
        from hicoop.cooperation.models import ItemVersion
        from hicoop.core.notifications import register_kinds
        from hicoop.core.readable import register_code_labels
        from hicoop.core.status_hooks import on_status_change
        from hicoop.core.workspace import register_section, register_todos

        register_code_labels("cooperation.ProgressReport", "values", IndicatorKind.choices)
        register_kinds(*notices.KINDS)
        on_status_change(
            ("cooperation.cooperationitem",),
            None,  # status changes are the kit's WorkflowEvent rows
            notices.status_changed,
            uid="coop-notices",
        )
        post_save.connect(notices.version_saved, sender=ItemVersion, dispatch_uid="coop-version")
        register_todos(workspace.todos)
        register_section(workspace.own_items, order=30)
