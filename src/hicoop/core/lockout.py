"""Login throttling and lock-out (ADR 0012): after ``HICOOP_LOGIN_FAILURES`` wrong passwords for
one account from one address within the window, that account is locked for that address for the
window; one address that fails too often is locked for every account. Applies to the login page,
the admin and the API token endpoint alike (they all call ``authenticate``).

Counts live in the shared cache (Redis when configured, otherwise files under ``var/cache``), so
every gunicorn worker sees them.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


def _address(request: Any) -> str:
    meta = getattr(request, "META", {}) or {}
    return str(meta.get("REMOTE_ADDR") or "-")


def _keys(username: str, address: str) -> tuple[str, str]:
    account = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()[:32]
    return f"hicoop:login:acct:{account}", f"hicoop:login:addr:{address}"


def locked(username: str, address: str) -> bool:
    account_key, address_key = _keys(username, address)
    limit = settings.HICOOP_LOGIN_FAILURES
    return (cache.get(account_key) or 0) >= limit or (cache.get(address_key) or 0) >= 10 * limit


def _count(key: str) -> None:
    window = settings.HICOOP_LOGIN_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)


def reset(username: str, address: str) -> None:
    cache.delete(_keys(username, address)[0])


class LockoutBackend(ModelBackend):
    """``ModelBackend`` that refuses a locked account and counts failed passwords."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not settings.HICOOP_LOGIN_LOCKOUT:
            return super().authenticate(request, username=username, password=password, **kwargs)
        name = str(username or kwargs.get("username") or "")
        address = _address(request)
        if locked(name, address):
            raise PermissionDenied("locked")  # authenticate() stops here and reports a failure
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            for key in _keys(name, address):
                _count(key)
        else:
            reset(name, address)
        return user
