"""Typed failures of the policy catalogue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.exceptions import Conflict, ValidationFailed


class OverlappingVersions(Conflict):
    code = "overlapping_versions"
    default_message = _(
        "The dates overlap another version of this policy: versions of one policy may not overlap."
    )


class EditionFrozen(Conflict):
    code = "edition_frozen"
    default_message = _("A published edition is frozen and cannot be changed.")


class UnknownClause(ValidationFailed):
    code = "unknown_clause"
    default_message = _("This version has no clause with that address.")


class ImportFailed(ValidationFailed):
    """An import with errors: ``details`` lists every error with its row (or file) and column."""

    code = "import_failed"
    default_message = _("The import was refused; nothing was saved. Fix these errors:")
