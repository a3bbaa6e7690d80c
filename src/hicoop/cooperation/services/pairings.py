"""Park pairings: co-built platforms, activities and results."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.cooperation.choices import (
    ActivityKind,
    PlatformKind,
    PlatformStatus,
    ResultKind,
)
from hicoop.cooperation.models import (
    Pairing,
    PairingActivity,
    PairingPlatform,
    PairingResult,
)
from hicoop.cooperation.services.common import Errors, _date, _int
from hicoop.core import audit
from hicoop.core.actors import Actor
from hicoop.core.exceptions import Conflict
from hicoop.core.models import AuditAction
from hicoop.core.scope import require_edit


def _pairing_row(
    model: type[models.Model],
    pairing: Pairing,
    data: Mapping[str, Any],
    spec: Mapping[str, Any],
    actor: Actor,
) -> Any:
    require_edit(pairing, actor)
    errors = Errors()
    values: dict[str, Any] = {}
    for name, kind in spec.items():
        raw = data.get(name)
        if kind == "date":
            values[name] = _date(errors, name, raw) if raw else None
            if (
                values[name] is None
                and name in {"held_on", "achieved_on"}
                and name not in errors.by_field
            ):
                errors.add(name, _("This value is required."))
        elif kind == "int":
            values[name] = _int(errors, name, raw if raw not in (None, "") else 0, 0, 100000)
        elif isinstance(kind, type):
            value, allowed = raw or "", list(getattr(kind, "values", []))
            if value not in allowed:
                errors.add(name, _("Choose one of: %(choices)s") % {"choices": ", ".join(allowed)})
            values[name] = value
        else:
            values[name] = str(raw or "").strip()
            if kind == "required" and not values[name]:
                errors.add(name, _("This value is required."))
    errors.raise_if_any()
    row = model(pairing=pairing, **values)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # the unique constraints: same record entered twice
        raise Conflict(_("This record was already entered for the pairing.")) from exc
    audit.record(instance=row, actor=actor, action=AuditAction.CREATE)
    Pairing.objects.filter(pk=pairing.pk).update(updated_at=timezone.now())
    return row


@transaction.atomic
def add_platform(*, pairing: Pairing, data: Mapping[str, Any], actor: Actor) -> PairingPlatform:
    spec = {
        "name": "required",
        "kind": PlatformKind,
        "status": PlatformStatus,
        "built_on": "date",
        "description": "text",
    }
    row: PairingPlatform = _pairing_row(
        PairingPlatform, pairing, {"status": PlatformStatus.PLANNED, **data}, spec, actor
    )
    return row


@transaction.atomic
def add_activity(*, pairing: Pairing, data: Mapping[str, Any], actor: Actor) -> PairingActivity:
    spec = {
        "held_on": "date",
        "kind": ActivityKind,
        "title": "required",
        "description": "text",
        "participants": "int",
        "talents": "int",
    }
    row: PairingActivity = _pairing_row(PairingActivity, pairing, data, spec, actor)
    return row


@transaction.atomic
def add_result(*, pairing: Pairing, data: Mapping[str, Any], actor: Actor) -> PairingResult:
    spec = {"achieved_on": "date", "kind": ResultKind, "title": "required", "description": "text"}
    row: PairingResult = _pairing_row(PairingResult, pairing, data, spec, actor)
    return row
