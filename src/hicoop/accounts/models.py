"""Users belong to parties with a role; the role and the party define what they see and edit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hicoop.accounts.choices import Role
from hicoop.core.models import TimeStampedModel


class Membership(TimeStampedModel):
    """A user's role at one party (a user may hold several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    party = models.ForeignKey(
        "parties.Party",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("party"),
    )  # PROTECT: a party with members is deactivated, not deleted
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "party__name", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "party", "role"], name="accounts_membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.party}"
