"""Notifications the catalogue raises: a cited policy was amended, superseded or repealed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind

CITED_AMENDED = NoticeKind(
    "policies.cited_amended",
    _("Cited policy amended"),
    _(
        "%(policy)s, cited by %(record)s (%(cited)s), was amended; the new version is in force "
        "from %(date)s. %(diff)s"
    ),
)
CITED_SUPERSEDED = NoticeKind(
    "policies.cited_superseded",
    _("Cited policy superseded"),
    _(
        "%(policy)s, cited by %(record)s (%(cited)s), is superseded by %(successor)s; the cited "
        "version applied until %(date)s."
    ),
)
CITED_REPEALED = NoticeKind(
    "policies.cited_repealed",
    _("Cited policy repealed"),
    _(
        "%(policy)s, cited by %(record)s (%(cited)s), was repealed; the cited version applied "
        "until %(date)s."
    ),
)
KINDS = (CITED_AMENDED, CITED_SUPERSEDED, CITED_REPEALED)
