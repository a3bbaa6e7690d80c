from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hicoop.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from hicoop.accounts import roles
        from hicoop.core.access import register_office_check, register_party_roles

        register_office_check(roles.is_joint_office_admin)
        register_party_roles(roles)
