"""Issue 10: a party's contact phone is checked in the form and the API, stored as typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.core.testing import api_client, party, user
from hicoop.parties.forms import PartyForm
from hicoop.parties.models import Party

pytestmark = pytest.mark.django_db


def test_the_edit_form_refuses_a_bad_phone_then_saves_a_landline() -> None:
    park = party("haikou-hitech")
    client = Client()
    client.force_login(user("office"))
    data = {k: v for k, v in PartyForm.initial_for(park).items() if v not in (None, "")}
    data.update({"contact_phone": "8888", "is_active": "on"})
    response = client.post(reverse("parties:edit", args=[park.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-field="contact_phone"' in html and 'value="8888"' in html
    data["contact_phone"] = "０８９８-６６６６８８８８"
    response = client.post(reverse("parties:edit", args=[park.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Party.objects.get(pk=park.pk).contact_phone == "０８９８-６６６６８８８８"


def test_the_api_refuses_a_bad_phone() -> None:
    body = {
        "name": "海南某新企业",
        "kind": "unit",
        "parent": party("haikou-hitech").pk,
        "contact_phone": "phone: 123",
    }
    response = api_client("office").post("/api/v1/parties/", body, format="json")
    assert response.status_code == 400
    assert "contact_phone" in response.json()["details"]
    body["contact_phone"] = "13812345678"
    assert api_client("office").post("/api/v1/parties/", body, format="json").status_code == 201
