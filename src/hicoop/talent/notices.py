"""Notice kinds of the talent app."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind, notify, register_kinds

LIST_AFFECTS_YOU = NoticeKind(
    "talent.list_affects_you",
    _("Negative list changed"),
    _(
        "Negative-list version %(number)s takes effect on %(date)s and changes the answer for "
        "work permits or pre-checks of your organisation."
    ),
)

register_kinds(LIST_AFFECTS_YOU)


def tell_affected_employers(*, version: Any, employer_ids: list[int], actor: Any) -> None:
    """One notice to every member of each affected employer."""
    if not employer_ids:
        return
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(memberships__party_id__in=employer_ids, is_active=True)
        .distinct()
    )
    notify(
        recipients=users,
        kind=LIST_AFFECTS_YOU,
        params={"number": version.number, "date": version.effective_from.isoformat()},
        actor=actor,
        url=reverse("talent:version", args=[version.pk]),
        target=version,
    )
