from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    """Credit supervision of foreign workers and their employers: events, grades, objections and repair."""

    name = "hicoop.credit"
    label = "credit"
    verbose_name = _("Credit supervision")

    def ready(self) -> None:
        from hicoop.core.workspace import register_todos
        from hicoop.credit import gates, todos
        from hicoop.matchmaking.gates import register_partner_gate

        register_partner_gate(gates.d_grade_partners)
        register_todos(todos.todos)
        try:  # the work-permit registry (issue 14) offers this hook once it is merged
            from hicoop.talent import extensions  # type: ignore[attr-defined,unused-ignore]
        except ImportError:
            return
        register = getattr(extensions, "register_employer_grade_provider", None)
        if register is not None:
            register(gates.employer_grade_label)
