from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """The offshore innovation and entrepreneurship policy catalogue (离岸创新创业政策指导目录): policies, dated versions, clauses, editions, applicability and citations."""

    name = "hicoop.policies"
    label = "policies"
    verbose_name = _("Policy catalogue")

    def ready(self) -> None:
        from hicoop.core.notifications import register_kinds
        from hicoop.core.panels import register_panel
        from hicoop.policies import notices, panels
        from hicoop.policies.citables import register_defaults

        register_kinds(*notices.KINDS)
        register_defaults()
        for model in ("listings.Demand", "cooperation.CooperationItem"):
            register_panel(model, "policies/_citations_panel.html", panels.citations_panel)
