"""Issue 11: wrong passwords lock an account out, the token endpoint and the API are rate-limited,
and every page carries the security headers. Thirty wrong passwords changed nothing before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from hicoop.core.testing import api_client, user

pytestmark = pytest.mark.django_db
DEMO_PASSWORD = "Right-Pass-2026-ops"


@pytest.fixture(autouse=True)
def known_password(db: Any) -> None:
    office = user("office")
    office.set_password(DEMO_PASSWORD)
    office.save()


@pytest.fixture
def lockout(settings: Any) -> Iterator[None]:
    settings.HICOOP_LOGIN_LOCKOUT = True
    settings.HICOOP_LOGIN_FAILURES = 5
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def throttled(settings: Any) -> Iterator[None]:
    settings.HICOOP_THROTTLE = True
    cache.clear()
    yield
    cache.clear()


def _login(client: Client, password: str) -> bool:
    client.post("/accounts/login/", {"username": "office", "password": password})
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(lockout: None) -> None:
    client = Client()
    # Given five wrong passwords for "office"
    for _ in range(5):
        assert not _login(client, "wrong-password")
    # When the right password follows
    # Then the login is still refused (locked for the window)
    assert not _login(client, DEMO_PASSWORD)
    # and the API token endpoint is locked too
    token = api_client().post(
        "/api/v1/auth/token/", {"username": "office", "password": DEMO_PASSWORD}, format="json"
    )
    assert token.status_code in (400, 401, 403), token.content[:200]


def test_the_right_password_before_the_limit_works_and_resets(lockout: None) -> None:
    client = Client()
    for _ in range(4):
        assert not _login(client, "wrong-password")
    assert _login(client, DEMO_PASSWORD)


def test_the_token_endpoint_is_rate_limited_per_address(throttled: None) -> None:
    # Given twelve token requests from one address within a minute (refused fast: no password,
    # so the slow password hash does not stretch them beyond the window on a busy machine)
    client = api_client()
    codes = [client.post("/api/v1/auth/token/", {}, format="json").status_code for _ in range(12)]
    # Then the eleventh and later get 429 with the common JSON body
    assert codes[:10] == [400] * 10 and codes[10:] == [429, 429], codes
    refused = client.post("/api/v1/auth/token/", {"username": "o", "password": "x"}, format="json")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"


def test_pages_carry_csp_and_permissions_policy() -> None:
    response = Client().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_check_deploy_is_clean_with_the_documented_production_settings() -> None:
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HICOOP_")}
        env.update(
            HICOOP_VAR_DIR=home,
            HICOOP_HTTPS="true",
            HICOOP_ALLOWED_HOSTS="hicoop.example.cn",
            HICOOP_CSRF_TRUSTED_ORIGINS="https://hicoop.example.cn",
        )
        done = subprocess.run(
            [sys.executable, "-m", "hicoop.cli", "check", "--deploy"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # the schema generator's naming warnings are not deployment settings
    assert "(security." not in output and "(auth." not in output, output
