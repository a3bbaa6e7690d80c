"""The joint office manages accounts without the Django admin; everyone changes their password."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from hicoop.core.models import AuditEntry
from hicoop.core.testing import party, user

pytestmark = pytest.mark.django_db


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def test_office_creates_assigns_resets_and_deactivates() -> None:
    office = client_for("office")
    park = party("haikou-hitech")
    # When the joint office creates an account for a park manager
    response = office.post(
        "/accounts/users/new/",
        {"username": "park-li", "full_name": "李园", "party": str(park.pk), "role": "park_manager"},
        follow=True,
    )
    body = response.content.decode()
    account = get_user_model().objects.get(username="park-li")
    assert account.memberships.get().party == park
    password = re.search(r"[:：]\s*([A-Za-z0-9]{14})(?![A-Za-z0-9])", body)
    assert password, body[:2000]
    # Then the person can sign in with the handed-over password
    assert Client().login(username="park-li", password=password.group(1))
    # When the office resets the password and deactivates the account
    office.post(f"/accounts/users/{account.pk}/", {"action": "reset"})
    assert not Client().login(username="park-li", password=password.group(1))
    office.post(f"/accounts/users/{account.pk}/", {"action": "deactivate"})
    account.refresh_from_db()
    assert not account.is_active
    # Then every step is audited, without any password hash in the history
    entries = AuditEntry.objects.filter(object_id=str(account.pk), content_type__model="user")
    assert entries.count() >= 3
    page = office.get(f"/accounts/users/{account.pk}/").content.decode()
    assert "pbkdf2" not in page and "password" not in page.split('id="history"')[-1]


def test_only_the_office_manages_accounts() -> None:
    assert client_for("shanghai").get("/accounts/users/").status_code == 403
    response = client_for("shanghai").post(
        "/accounts/users/new/",
        {"username": "x", "party": str(party("shanghai").pk), "role": "unit_member"},
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="x").exists()


def test_failed_create_keeps_input_and_names_the_problem() -> None:
    response = client_for("office").post(
        "/accounts/users/new/",
        {"username": "office", "full_name": "重名测试", "role": "unit_member"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="重名测试"' in body and "field-error" in body


def test_user_changes_own_password() -> None:
    me = user("unit-haikou")
    me.set_password("old-secret-2026")
    me.save()
    client = client_for("unit-haikou")
    bad = client.post(
        "/accounts/me/password/", {"old_password": "wrong", "new_password": "Kokosnuss-2027"}
    )
    assert bad.status_code == 400
    client.post(
        "/accounts/me/password/",
        {"old_password": "old-secret-2026", "new_password": "Kokosnuss-2027"},
    )
    me.refresh_from_db()
    assert me.check_password("Kokosnuss-2027")
