"""Typed failures of the transfer domain."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.exceptions import Conflict, ValidationFailed


class ImportFailed(ValidationFailed):
    """An import with errors: ``details`` lists every error with its row and column."""

    code = "import_failed"
    default_message = _("The import was refused; nothing was saved. Fix these errors:")


class PaymentsExceedAmount(Conflict):
    code = "payments_exceed_amount"
    default_message = _("Payments may not add up to more than the contract amount.")


class GrantRuleBroken(ValidationFailed):
    """A grant breaks one of the pilot's rules (``details`` names the rule and field)."""

    code = "grant_rule_broken"
    default_message = _("The grant breaks a rule of the ownership-rights pilot.")
