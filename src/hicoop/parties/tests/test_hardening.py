"""Issue 11: a party's place in the hierarchy is decided above it. A unit member could move its
own unit out of the hierarchy and make it a region; a region coordinator could rename its region."""

from __future__ import annotations

import pytest

from hicoop.core.testing import api_client, party

pytestmark = pytest.mark.django_db


def test_a_unit_member_cannot_move_its_unit_out_of_the_hierarchy() -> None:
    # Given the demo enterprise in 海口高新区 and one of its members
    unit = party("demo-unit-haikou-bio")
    # When the member makes it a top-level region
    response = api_client("unit-haikou").patch(
        f"/api/v1/parties/{unit.pk}/",
        {"parent": None, "kind": "region", "subtype": "province"},
        format="json",
    )
    # Then it is refused and nothing moved
    assert response.status_code == 403, response.content[:300]
    unit.refresh_from_db()
    assert unit.parent_id is not None and unit.kind == "unit"


def test_a_unit_member_may_still_edit_its_unit_in_place() -> None:
    unit = party("demo-unit-haikou-bio")
    response = api_client("unit-haikou").patch(
        f"/api/v1/parties/{unit.pk}/", {"contact_person": "王五"}, format="json"
    )
    assert response.status_code == 200, response.content[:300]


def test_a_region_coordinator_cannot_rename_its_own_region() -> None:
    region = party("shanghai")
    response = api_client("shanghai").patch(
        f"/api/v1/parties/{region.pk}/", {"name": "浦江特区"}, format="json"
    )
    assert response.status_code == 403, response.content[:300]
    region.refresh_from_db()
    assert region.name != "浦江特区"


def test_the_joint_office_may_move_a_unit() -> None:
    unit = party("demo-unit-haikou-bio")
    target = party("shanghai")
    response = api_client("office").patch(
        f"/api/v1/parties/{unit.pk}/", {"parent": target.pk}, format="json"
    )
    assert response.status_code == 200, response.content[:300]
