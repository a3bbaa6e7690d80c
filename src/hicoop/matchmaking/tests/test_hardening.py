"""Issue 11: withdrawing an interest never redirects off the site (open redirect)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hicoop.core.testing import party, user
from hicoop.matchmaking import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "https:/\\evil.example.com"]
)
def test_withdraw_next_stays_on_the_site(demand: Any, target: str) -> None:
    # Given an open expression of interest of the demand's owner
    interest = services.express_interest(
        demand=demand, partner=party("demo-unit-shanghai-ocean"), actor=user("unit-haikou")
    )
    client = Client()
    client.force_login(user("unit-haikou"))
    # When it is withdrawn with a `next` pointing elsewhere
    response = client.post(f"/matching/interests/{interest.pk}/withdraw/", {"next": target})
    # Then the browser is sent to a page of this site
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")


def test_withdraw_next_on_the_site_is_followed(demand: Any) -> None:
    interest = services.express_interest(
        demand=demand, partner=party("demo-unit-shanghai-ocean"), actor=user("unit-haikou")
    )
    client = Client()
    client.force_login(user("unit-haikou"))
    response = client.post(
        f"/matching/interests/{interest.pk}/withdraw/", {"next": "/matching/interests/"}
    )
    assert response["Location"] == "/matching/interests/"
