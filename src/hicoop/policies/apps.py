from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """The offshore innovation and entrepreneurship policy catalogue (离岸创新创业政策指导目录): policies, dated versions, clauses, editions, applicability and citations."""

    name = "hicoop.policies"
    label = "policies"
    verbose_name = _("Policy catalogue")
