"""The "transfers and rights grants" panel on an achievement's page (``core.panels``)."""

from __future__ import annotations

from typing import Any

from django.db import models

from hicoop.transfer import selectors


def achievement_panel(record: models.Model, user: Any) -> dict[str, Any] | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return selectors.achievement_history(user=user, achievement=record)
