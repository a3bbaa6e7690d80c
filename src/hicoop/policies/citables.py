"""Which records may cite a policy, and who their owners are (to alert when the policy changes).

Lower apps never import the catalogue; the catalogue declares here how to reach their records.
Later apps (transfer, talent) add theirs with :func:`register_citable` in ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse

from hicoop.accounts.choices import Role


@dataclass(frozen=True)
class Citable:
    label: str  # "listings.Demand"
    owners: Callable[[Any], Iterable[Any]]  # users to alert
    url: Callable[[Any], str]

    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


CITABLES: dict[str, Citable] = {}


def register_citable(citable: Citable) -> None:
    CITABLES[citable.label] = citable


def citable_for(record: models.Model) -> Citable | None:
    return CITABLES.get(f"{record._meta.app_label}.{record._meta.object_name}")


_OWNER_ROLES = (Role.UNIT_MEMBER, Role.PARK_MANAGER, Role.REGION_COORDINATOR)


def members_of(party_ids: Iterable[int]) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__party_id__in=list(party_ids),
            memberships__role__in=_OWNER_ROLES,
        )
        .distinct()
    )


def _demand_owners(demand: Any) -> list[Any]:
    users = members_of([demand.owner_id])
    return users + ([demand.created_by] if demand.created_by_id else [])


def _item_owners(item: Any) -> list[Any]:
    from hicoop.cooperation.choices import Side

    hainan = item.sides.filter(side=Side.HAINAN).values_list("party_id", flat=True)
    users = members_of(hainan)
    return users + ([item.created_by] if item.created_by_id else [])


def register_defaults() -> None:
    register_citable(
        Citable(
            "listings.Demand",
            _demand_owners,
            lambda d: reverse("listings:detail", args=["demands", d.pk]),
        )
    )
    register_citable(
        Citable(
            "cooperation.CooperationItem",
            _item_owners,
            lambda i: reverse("cooperation:item", args=[i.pk]),
        )
    )
