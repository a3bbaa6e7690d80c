"""Idempotent loading of reference data: what a load changed, and which changes it may make.

The loaders themselves write through each app's services (audited under the ``loader`` actor,
ADR 0046); this module only counts and computes, it never saves a row."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from hicoop.core import audit
from hicoop.core.text import as_typed


@dataclass
class LoadReport:
    """How many rows a load created, updated and left unchanged, per model label."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    def tally(self, model: type[models.Model], *, created: bool, changed: bool) -> None:
        """Count one row the loader ensured: created, brought up to date, or left as it was."""
        bucket = self.created if created else self.updated if changed else self.unchanged
        self.count(bucket, model._meta.label)

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


def typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with every text as the services store it (see ``core.text.as_typed``)."""
    return {k: as_typed(v) if isinstance(v, str) else v for k, v in values.items()}


def current_values(instance: models.Model, names: list[str]) -> dict[str, Any]:
    """The stored value of each name: a related row for a foreign key, the set of primary keys
    for a many-to-many field."""
    values: dict[str, Any] = {}
    for name in names:
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            values[name] = set(getattr(instance, name).values_list("pk", flat=True))
        else:
            values[name] = getattr(instance, name)
    return values


def unedited_changes(
    instance: models.Model,
    wanted: Mapping[str, Any],
    current: Mapping[str, Any],
    *,
    field_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The entries of ``wanted`` that differ from ``current`` and that no person has set on
    ``instance`` since: a value the joint office edited (a weight, a description, a deadline)
    is theirs, and the loader leaves it. ``field_names`` maps a key to its model field name."""
    differing = {k: v for k, v in wanted.items() if current.get(k) != v}
    if not differing:
        return {}
    mine = audit.user_edited_fields(instance)
    names = field_names or {}
    return {k: v for k, v in differing.items() if names.get(k, k) not in mine}


def model_changes(instance: models.Model, wanted: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`unedited_changes` against the row's own attributes (many-to-many values given as
    sets of primary keys)."""
    return unedited_changes(instance, wanted, current_values(instance, list(wanted)))
