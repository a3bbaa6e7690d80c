"""Helpers for tests: demo users by name and a logged-in API client."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def party(key: str) -> Party:
    external = key if key.startswith("demo-") else mechanism_key(key)
    return Party.objects.get(external_id=external)


def api_client(username: str | None = None) -> APIClient:
    client = APIClient()
    if username is not None:
        client.force_authenticate(user=user(username))
    return client
