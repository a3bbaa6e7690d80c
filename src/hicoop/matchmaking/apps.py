from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "hicoop.matchmaking"
    label = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        # A saved record or partner profile may have a new text: its vector is recomputed by
        # the job queue once the saving transaction commits (see services.vectors).
        from django.db.models.signals import post_save, pre_save

        from hicoop.core.notifications import register_kinds
        from hicoop.core.panels import register_panel
        from hicoop.core.workspace import register_todos
        from hicoop.listings.models import Achievement, Capability
        from hicoop.matchmaking import notices, panels, workspace
        from hicoop.matchmaking.models import Interest
        from hicoop.matchmaking.services import vectors
        from hicoop.parties.models import Party

        for model in (Capability, Achievement, Party):
            post_save.connect(
                vectors.text_saved, sender=model, dispatch_uid=f"matchmaking-embed-{model.__name__}"
            )

        # The exchange of an interest (message, answer and its note) on the demand and the item.
        for model in ("listings.Demand", "cooperation.CooperationItem"):
            register_panel(model, "matchmaking/_interests_panel.html", panels.interests_panel, 20)

        # Notifications of interests sent and answered; interests to answer in workspaces.
        register_kinds(*notices.KINDS)
        pre_save.connect(notices.remember_status, sender=Interest, dispatch_uid="mm-interest-pre")
        post_save.connect(notices.interest_saved, sender=Interest, dispatch_uid="mm-interest-post")
        register_todos(workspace.todos)
        for model in ("listings.Capability", "listings.Achievement"):
            register_panel(model, "matchmaking/_offer_panel.html", panels.offer_panel, 15)
        # A partner expresses interest from a published demand's page.
        register_panel(
            "listings.Demand", "matchmaking/_partner_panel.html", panels.partner_panel, 15
        )
