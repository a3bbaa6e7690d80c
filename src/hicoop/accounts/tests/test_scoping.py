"""The role matrix: each role against each list, detail and edit, in the UI and the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.core.actors import OPERATOR
from hicoop.core.testing import api_client, party, user
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "office", "ministry", "evaluator", "shanghai", "haikou-park", "unit-haikou"]

# target -> roles that see it in lists and details
VISIBLE = {
    "hunan": set(ROLES),
    "haikou-unit": {"office", "ministry", "evaluator", "shanghai", "haikou-park", "unit-haikou"},
    "shanghai-inactive": {"office", "ministry", "evaluator", "shanghai"},
}
# target -> roles that may edit it
EDITABLE = {
    "hunan": {"office"},
    "haikou-unit": {"office", "haikou-park", "unit-haikou"},
    "shanghai-inactive": {"office", "shanghai"},
}


@pytest.fixture
def targets() -> dict[str, Party]:
    inactive = create_party(
        data=PartyData(
            name="上海某已停用研究所",
            kind="unit",
            subtype="research_institute",
            parent_id=party("shanghai").pk,
            is_active=False,
        ),
        actor=OPERATOR,
    )
    return {
        "hunan": party("hunan"),
        "haikou-unit": party("demo-unit-haikou-bio"),
        "shanghai-inactive": inactive,
    }


def web_client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(user(role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", list(VISIBLE))
class TestRoleMatrix:
    def test_list(self, role: str, target: str, targets: dict[str, Party]) -> None:
        expected = role in VISIBLE[target]
        name = targets[target].name
        page = web_client(role).get(reverse("parties:list"), {"q": name})
        assert (f'class="party-link">{name}</a>' in page.content.decode()) is expected
        client = api_client(None if role == "anonymous" else role)
        names = [p["name"] for p in client.get("/api/v1/parties/", {"q": name}).json()["results"]]
        assert (name in names) is expected

    def test_detail(self, role: str, target: str, targets: dict[str, Party]) -> None:
        expected = 200 if role in VISIBLE[target] else 404
        pk = targets[target].pk
        assert web_client(role).get(reverse("parties:detail", args=[pk])).status_code == expected
        client = api_client(None if role == "anonymous" else role)
        assert client.get(f"/api/v1/parties/{pk}/").status_code == expected

    def test_edit(self, role: str, target: str, targets: dict[str, Party]) -> None:
        obj = targets[target]
        client = api_client(None if role == "anonymous" else role)
        response = client.patch(
            f"/api/v1/parties/{obj.pk}/", {"contact_person": "张工"}, format="json"
        )
        if role == "anonymous":
            expected = 401
        elif role in EDITABLE[target]:
            expected = 200
        elif role in VISIBLE[target]:
            expected = 403
        else:
            expected = 404
        assert response.status_code == expected, response.content
        obj.refresh_from_db()
        assert (obj.contact_person == "张工") is (expected == 200)
        page = web_client(role).get(reverse("parties:edit", args=[obj.pk]))
        web_expected = {200: 200, 401: 302, 403: 403, 404: 404}[expected]
        assert page.status_code == web_expected


class TestMinistryOfficerScope:
    def test_edits_own_department_only(self) -> None:
        client = api_client("ministry")
        own = client.patch(
            f"/api/v1/parties/{party('most-dari').pk}/", {"contact_person": "联络员"}, format="json"
        )
        assert own.status_code == 200
        other = client.patch(
            f"/api/v1/parties/{party('most').pk}/", {"contact_person": "联络员"}, format="json"
        )
        assert other.status_code == 403


class TestAnonymousSeesNoPrivateData:
    def test_contacts_hidden_from_anonymous(self) -> None:
        body = api_client().get(f"/api/v1/parties/{party('hunan').pk}/").json()
        assert "contact_phone" not in body
        assert (
            "contact_phone"
            in api_client("hunan").get(f"/api/v1/parties/{party('hunan').pk}/").json()
        )


class TestAdminAccess:
    def test_joint_office_uses_admin_others_do_not(self) -> None:
        office = Client()
        office.force_login(user("office"))
        assert office.get("/admin/parties/party/").status_code == 200
        assert office.get("/admin/parties/regionpriorityfield/").status_code == 200
        coordinator = Client()
        coordinator.force_login(user("shanghai"))
        assert coordinator.get("/admin/parties/party/").status_code == 302  # not staff: login

    def test_admin_edits_matrix_weight_through_the_service(self) -> None:
        from hicoop.core.models import AuditEntry
        from hicoop.parties.models import RegionPriorityField

        cell = RegionPriorityField.objects.filter(year=2021).first()
        office = Client()
        office.force_login(user("office"))
        response = office.post(
            f"/admin/parties/regionpriorityfield/{cell.pk}/change/",
            {
                "year": 2021,
                "region": cell.region_id,
                "field": cell.field_id,
                "weight": "2.00",
                "basis": cell.basis,
            },
        )
        assert response.status_code == 302
        cell.refresh_from_db()
        assert str(cell.weight) == "2.00"
        assert AuditEntry.objects.filter(object_id=str(cell.pk), actor=user("office")).exists()
