"""Parties made for tests through the services."""

from __future__ import annotations

from typing import Any

from hicoop.core.actors import OPERATOR
from hicoop.core.testing import party
from hicoop.parties.services import PartyData, create_party


def add_units(count: int, *, parent: str = "shanghai", start: int = 0) -> list[Any]:
    """``count`` units under ``parent``, each with two fields, named 测试单位（n）."""
    under = party(parent)
    return [
        create_party(
            data=PartyData(
                name=f"测试单位（{n}）",
                kind="unit",
                subtype="enterprise",
                parent_id=under.pk,
                field_codes=("biomedicine", "marine-equipment"),
            ),
            actor=OPERATOR,
        )
        for n in range(start, start + count)
    ]
