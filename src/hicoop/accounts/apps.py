from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hicoop.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from hicoop.accounts.roles import is_joint_office_admin
        from hicoop.core.access import register_office_check

        register_office_check(is_joint_office_admin)
