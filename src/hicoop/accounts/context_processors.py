"""Template context shared by every page (the signed-in user's roles and unread notices)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hicoop.accounts import roles
from hicoop.core.notifications import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "is_joint_office": roles.is_joint_office_admin(user),
        "user_grants": roles.grants_of(user),
        "unread_notifications": unread_count(user) if user.is_authenticated else 0,
    }
