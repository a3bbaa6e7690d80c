"""Issue 10: the contact phone of a demand, capability or achievement is checked everywhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.testing import api_client, party, user
from hicoop.listings import records
from hicoop.listings.choices import ListingKind
from hicoop.listings.models import Demand
from hicoop.listings.spreadsheets import ImportFailed, import_file
from hicoop.listings.tests.conftest import make_demand
from hicoop.listings.tests.test_spreadsheets import achievement_rows, workbook

pytestmark = pytest.mark.django_db


def test_the_form_refuses_a_bad_phone_and_keeps_it_typed() -> None:
    client = Client()
    client.force_login(user("unit-haikou"))
    data = {
        "title": "椰子纤维复合材料合作",
        "owner": str(party("demo-unit-haikou-bio").pk),
        "description": "寻找椰子纤维复合材料的加工合作方。",
        "measure": "1",
        "mode": "point_to_point",
        "contact_phone": "6666888",
    }
    response = client.post(reverse("listings:create", args=["demands"]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-field="contact_phone"' in html and 'value="6666888"' in html
    assert "0898-66668888" in html.split('data-field="contact_phone"')[1]
    data["contact_phone"] = "0898-66668888 转 123"
    assert client.post(reverse("listings:create", args=["demands"]), data).status_code == 302
    assert Demand.objects.get(title="椰子纤维复合材料合作").contact_phone == "0898-66668888 转 123"


def test_the_api_refuses_a_bad_phone_in_both_languages() -> None:
    demand = make_demand()
    client = api_client("office")
    zh = client.patch(f"/api/v1/demands/{demand.pk}/", {"contact_phone": "12"}, format="json")
    assert zh.status_code == 400
    assert "带区号的固定电话" in zh.json()["details"]["contact_phone"][0]
    client.cookies["django_language"] = "en"
    en = client.patch(f"/api/v1/demands/{demand.pk}/", {"contact_phone": "12"}, format="json")
    assert "a landline with its area code" in en.json()["details"]["contact_phone"][0]
    good = client.patch(
        f"/api/v1/demands/{demand.pk}/", {"contact_phone": "+86 138 1234 5678"}, format="json"
    )
    assert good.status_code == 200, good.json()
    demand.refresh_from_db()
    assert demand.contact_phone == "+86 138 1234 5678"


def test_a_service_caller_gets_the_error_too() -> None:
    with pytest.raises(ValidationFailed) as caught:
        make_demand(contact_phone="call me")
    assert "contact_phone" in caught.value.details


def test_an_import_names_the_row_and_column_of_a_bad_phone() -> None:
    rows = achievement_rows(2)
    header = [a.name for a in records.attrs(ListingKind.ACHIEVEMENT)]
    rows[1][header.index("contact_phone")] = "0898-666"
    with pytest.raises(ImportFailed) as caught:
        import_file(
            kind=ListingKind.ACHIEVEMENT,
            content=workbook(rows),
            filename="a.xlsx",
            actor=user("office"),
        )
    problems = caught.value.details["rows"]
    assert [p["row"] for p in problems if "0898-66668888" in p["message"]] == [4]
