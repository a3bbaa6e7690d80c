"""The "cited policies" panel on demand and cooperation item pages (``core.panels``)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from hicoop.core.access import can_edit
from hicoop.policies import selectors
from hicoop.policies.choices import PolicyStatus
from hicoop.policies.models import Policy


def citations_panel(record: models.Model, user: Any) -> dict[str, Any] | None:
    """The record's citations, with "cited version superseded" marks and a form to add one."""
    cited = list(selectors.citations_of(user=user, record=record))
    editable = bool(user is not None and getattr(user, "is_authenticated", False)) and can_edit(
        record, user
    )
    if not cited and not editable:
        return None
    return {
        "citations": cited,
        "can_cite": editable,
        "content_type": ContentType.objects.get_for_model(type(record)).pk,
        "object_id": record.pk,
        "policies": Policy.objects.visible_to(user)
        .exclude(status=PolicyStatus.DRAFT)
        .only("pk", "title")
        .order_by("title")
        if editable
        else [],
    }
