"""A park manager saves their own park (issue 10, item 2): the parent they may not change stays."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hicoop.core.testing import party, user
from hicoop.parties.forms import PartyForm
from hicoop.parties.models import Party

pytestmark = pytest.mark.django_db


def test_park_manager_saves_own_park_keeping_its_parent() -> None:
    # Given the Haikou park manager on their park's edit page
    park = party("haikou-hitech")
    parent_before = park.parent_id
    client = Client()
    client.force_login(user("haikou-park"))
    page = client.get(reverse("parties:edit", args=[park.pk])).content.decode()
    # Then the parent is shown as it is (not an empty choice) and cannot be changed
    select = page.split('name="parent"')[1].split("</select>")[0]
    assert "---------" not in select and park.parent.display_name in select
    # When they change the contact person and save (a disabled select sends nothing)
    values = PartyForm.initial_for(park)
    data = {k: v for k, v in values.items() if v not in (None, "") and k != "parent"}
    data.update({"contact_person": "王工", "is_active": "on"})
    response = client.post(reverse("parties:edit", args=[park.pk]), data)
    # Then it is saved and the park stays where it was
    assert response.status_code == 302, response.content.decode()[:3000]
    park = Party.objects.get(pk=park.pk)
    assert park.contact_person == "王工" and park.parent_id == parent_before


def test_parent_choices_never_offer_the_party_itself() -> None:
    office_form = PartyForm(user=user("office"), party=party("hainan"))
    picker = office_form.fields["parent"].widget
    found = [o.value for o in picker.source.search(picker.user, "海南", picker.params)]
    assert str(party("hainan").pk) not in found and str(party("haikou-hitech").pk) not in found
    new_form = PartyForm(user=user("office"))
    picker = new_form.fields["parent"].widget
    assert str(party("hainan").pk) in [
        o.value for o in picker.source.search(picker.user, "海南", picker.params)
    ]
