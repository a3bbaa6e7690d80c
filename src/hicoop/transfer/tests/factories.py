"""Building transfer records for tests through the real services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hicoop.core.testing import party, user
from hicoop.listings import services as listing_services
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.models import Achievement
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party
from hicoop.transfer import services
from hicoop.transfer.models import Transfer

YEAR = 2026
SIGNED = dt.date(YEAR, 6, 1)


def achievement(
    owner: str = "demo-unit-shanghai-ocean", title: str = "深海探测声呐技术"
) -> Achievement:
    data = {
        "title": title,
        "owner": owner,
        "abstract": "用于测试的示例成果。",
        "fields": ["deep-sea"],
    }
    return listing_services.create_listing(
        kind=ListingKind.ACHIEVEMENT, data=data, actor=None, status=ListingStatus.PUBLISHED
    )


def unit(name: str, parent: str, key: str) -> Party:
    return create_party(
        data=PartyData(
            name=name,
            kind="unit",
            subtype="enterprise",
            parent_id=party(parent).pk,
            external_id=key,
        ),
        actor=None,
    )


def licence(actor: Any = None, **overrides: Any) -> Transfer:
    data = {
        "title": "深海探测声呐技术许可合同",
        "seller": "demo-unit-shanghai-ocean",
        "buyer": "demo-unit-haikou-bio",
        "contract_type": "licence",
        "amount": "200",
        "technology_amount": "180",
        "signed_on": SIGNED.isoformat(),
        "description": "声呐技术许可。",
        **overrides,
    }
    return services.create_transfer(data=data, actor=actor or user("unit-shanghai"))
