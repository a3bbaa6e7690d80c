"""Helpers for tests: demo users by name and a logged-in API client."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

# The parties app's key of mechanism facts (``parties.mechanism.MECHANISM_PREFIX``); read by
# name so that core imports no domain app.
MECHANISM_PREFIX = "mechanism:"


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def party(key: str) -> Any:
    """A party of the mechanism (``"hainan"``) or of the demo (``"demo-..."``) by its key."""
    external = key if key.startswith("demo-") else f"{MECHANISM_PREFIX}{key}"
    return apps.get_model("parties", "Party").objects.get(external_id=external)


def api_client(username: str | None = None) -> APIClient:
    client = APIClient()
    if username is not None:
        client.force_authenticate(user=user(username))
    return client
