from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    """The international technology transfer demonstration zone (国际技术转移示范区): transfer contracts, the ownership-rights pilot, 百城百园 campaigns and flows."""

    name = "hicoop.transfer"
    label = "transfer"
    verbose_name = _("Technology transfer")

    def ready(self) -> None:
        from hicoop.core.notifications import register_kinds
        from hicoop.core.panels import register_panel
        from hicoop.core.workspace import register_todos
        from hicoop.transfer import notices, panels, todos

        register_kinds(*notices.KINDS)
        register_todos(todos.todos)

        register_panel(
            "listings.Achievement", "transfer/_achievement_panel.html", panels.achievement_panel
        )
