"""Idempotent loading of reference data: insert what is missing, update what differs, count both."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from hicoop.core import audit
from hicoop.core.actors import LOADER, Actor
from hicoop.core.models import AuditAction
from hicoop.core.text import as_typed

M = TypeVar("M", bound=models.Model)


@dataclass
class LoadReport:
    """How many rows a load created, updated and left unchanged, per model label."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        labels = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{label}: +{self.created.get(label, 0)} ~{self.updated.get(label, 0)} "
            f"={self.unchanged.get(label, 0)}"
            for label in labels
        ]


def upsert(
    model: type[M],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: LoadReport,
    actor: Actor = LOADER,
    audited: bool = False,
) -> M:
    """Create one row, or bring the fields nobody edited by hand back to ``values``.

    Idempotent: a second run with the same values touches nothing and writes no history."""
    label = model._meta.label
    values = {k: as_typed(v) if isinstance(v, str) else v for k, v in values.items()}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.count(report.created, label)
        if audited:
            audit.record(instance=obj, actor=actor, action=AuditAction.CREATE)
        return obj
    differing = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if differing:
        # A value a person changed since (the joint office editing a weight, a party its
        # description, a task its deadline) is theirs: the loader only fills what is missing.
        mine = audit.user_edited_fields(obj)
        differing = {
            k: v for k, v in differing.items() if k not in mine and _attname(obj, k) not in mine
        }
    if not differing:
        report.count(report.unchanged, label)
        return obj
    before = audit.snapshot(obj) if audited else None
    for key, value in differing.items():
        setattr(obj, key, value)
    obj.save()
    report.count(report.updated, label)
    if audited:
        audit.record(instance=obj, actor=actor, action=AuditAction.UPDATE, before=before)
    return obj


def _attname(obj: models.Model, name: str) -> str:
    field = obj._meta.get_field(name)
    return getattr(field, "attname", name)


def set_m2m(obj: models.Model, name: str, targets: list[Any], report: LoadReport) -> None:
    """Replace a many-to-many set only when it differs, counting it as an update of ``obj``."""
    manager = getattr(obj, name)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(targets)
        report.count(report.updated, f"{obj._meta.label}.{name}")
