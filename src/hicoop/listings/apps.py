from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    name = "hicoop.listings"
    label = "listings"
    verbose_name = _("Demands, capabilities and achievements")

    def ready(self) -> None:
        from hicoop.core.notifications import register_kinds
        from hicoop.core.panels import register_panel
        from hicoop.core.readable import register_code_labels
        from hicoop.core.status_hooks import on_status_change
        from hicoop.core.workspace import register_section, register_todos
        from hicoop.listings import notices, panels, pickers, workspace
        from hicoop.listings.choices import TransferMode

        pickers.register_sources()
        register_code_labels("listings.Achievement", "transfer_modes", TransferMode.choices)
        register_kinds(*notices.KINDS)
        on_status_change(
            ("listings.demand", "listings.capability", "listings.achievement"),
            None,  # status changes are the kit's WorkflowEvent rows
            notices.status_changed,
            uid="listings-notices",
        )
        register_todos(workspace.todos)
        register_section(workspace.own_records, order=20)
        register_panel("parties.Party", "listings/_party_panel.html", panels.party_listings, 10)
