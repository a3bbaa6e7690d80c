"""Reads of the transfer domain, each starting from ``visible_to(user)``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from hicoop.core.exceptions import NotFound
from hicoop.core.inputs import fold
from hicoop.transfer.models import (
    Adoption,
    Campaign,
    Grant,
    PilotInstitution,
    ServiceOrganisation,
    Transfer,
)

SORTS = {
    "-signed": ("-signed_on", "-pk"),
    "signed": ("signed_on", "pk"),
    "-amount": ("-amount", "-pk"),
    "amount": ("amount", "pk"),
    "title": ("title", "pk"),
}


@dataclass(frozen=True)
class TransferFilters:
    q: str = ""
    status: str = ""
    contract_type: str = ""
    zone: str = ""
    programme: str = ""
    year: int | None = None
    sort: str = "-signed"


def transfer_list(*, user: Any, filters: TransferFilters | None = None) -> QuerySet[Transfer]:
    f = filters or TransferFilters()
    found = Transfer.objects.visible_to(user).select_related(
        "seller", "buyer", "broker", "achievement"
    )
    if f.q:
        text = f.q.strip()[:100]
        found = found.filter(
            Q(title__icontains=text)
            | Q(registration_number__icontains=fold(text))
            | Q(seller__name__icontains=text)
            | Q(buyer__name__icontains=text)
            | Q(broker__name__icontains=text)
        )
    for name in ("status", "contract_type", "zone"):
        if getattr(f, name):
            found = found.filter(**{name: getattr(f, name)})
    if f.programme:
        found = found.filter(programmes__icontains=f'"{f.programme}"')
    if f.year:
        found = found.filter(signed_on__year=f.year)
    return found.order_by(*SORTS.get(f.sort, SORTS["-signed"]))


def transfer_detail(*, user: Any, pk: int) -> Transfer:
    found = (
        Transfer.objects.visible_to(user)
        .select_related("seller", "buyer", "broker", "achievement", "item", "field")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def grant_list(*, user: Any) -> QuerySet[Grant]:
    return (
        Grant.objects.visible_to(user)
        .select_related("institution__party", "achievement")
        .prefetch_related("shares")
        .order_by("-created_at", "-pk")
    )


def institution_list(*, user: Any) -> QuerySet[PilotInstitution]:
    return PilotInstitution.objects.visible_to(user).select_related("party")


def grant_detail(*, user: Any, pk: int) -> Grant:
    found = grant_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).select_related("organiser")


def campaign_detail(*, user: Any, pk: int) -> Campaign:
    found = (
        campaign_list(user=user).prefetch_related("places", "achievements").filter(pk=pk).first()
    )
    if found is None:
        raise NotFound()
    return found


def adoptions_of(*, user: Any, campaign: Campaign) -> QuerySet[Adoption]:
    """A campaign's adoptions: the office and global readers see all, members their own."""
    return (
        Adoption.objects.visible_to(user)
        .filter(campaign=campaign)
        .select_related("achievement", "adopter", "transfer", "item")
    )


def achievement_history(*, user: Any, achievement: Any) -> dict[str, Any] | None:
    """The transfers and grants of one achievement the user may see (the achievement panel)."""
    transfers = list(
        Transfer.objects.visible_to(user)
        .filter(achievement=achievement)
        .select_related("seller", "buyer")
        .order_by("-signed_on", "-pk")
    )
    grants = list(
        Grant.objects.visible_to(user)
        .filter(achievement=achievement)
        .select_related("institution__party")
        .prefetch_related("shares")
    )
    if not transfers and not grants:
        return None
    return {"transfers": transfers, "grants": grants}


def service_organisations(*, user: Any) -> list[ServiceOrganisation]:
    """Service organisations with the number of contracts they handled that the user may see."""
    visible = Transfer.objects.visible_to(user).values("pk")
    return list(
        ServiceOrganisation.objects.select_related("party").annotate(
            handled=Count(
                "party__transfers_brokered",
                filter=Q(party__transfers_brokered__in=visible),
            )
        )
    )
