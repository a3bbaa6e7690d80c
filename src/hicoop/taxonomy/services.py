"""Writes to the reference tables (divisions, industry codes, measures, fields): the admin, the
mechanism loader and the code-list imports all go through :func:`save_reference`, validated and
audited under their actor."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import is_office
from hicoop.core.actors import Actor
from hicoop.core.exceptions import PermissionDenied, ValidationFailed, validation_details
from hicoop.core.loading import LoadReport, model_changes, typed
from hicoop.core.models import AuditAction
from hicoop.taxonomy.choices import DivisionLevel
from hicoop.taxonomy.models import Division, Field, IndustryCode, Measure

DATA_FILE = Path(__file__).resolve().parent / "data" / "mechanism_taxonomy.json"
R = TypeVar("R", Division, IndustryCode, Measure, Field)


def _require_office(actor: Actor) -> None:
    if not is_office(actor):
        raise PermissionDenied(_("Only the joint office edits reference tables."))


def _m2m_names(instance: models.Model) -> set[str]:
    return {f.name for f in instance._meta.many_to_many}


@transaction.atomic
def save_reference(*, instance: R, values: Mapping[str, Any], actor: Actor, reason: str = "") -> R:
    """Create or change one reference row (many-to-many values by primary keys), audited."""
    _require_office(actor)
    before = audit.snapshot(instance) if instance.pk else None
    related = {k: v for k, v in values.items() if k in _m2m_names(instance)}
    for name, value in typed(values).items():
        if name not in related:
            setattr(instance, name, value)
    try:
        instance.full_clean(exclude=sorted(_m2m_names(instance)))
    except DjangoValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc
    instance.save()
    for name, value in related.items():
        getattr(instance, name).set(list(value))
    action = AuditAction.CREATE if before is None else AuditAction.UPDATE
    audit.record(instance=instance, actor=actor, action=action, before=before, reason=reason)
    return instance


@transaction.atomic
def delete_reference(*, instance: models.Model, actor: Actor, reason: str = "") -> None:
    """Delete one reference row (rows still referred to are protected by the database), audited."""
    _require_office(actor)
    before, pk = audit.snapshot(instance), instance.pk
    instance.delete()
    instance.pk = pk
    audit.record(
        instance=instance, actor=actor, action=AuditAction.DELETE, before=before, reason=reason
    )


def ensure_reference(
    model: type[R],
    *,
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    actor: Actor,
    report: LoadReport,
) -> R:
    """The row matching ``lookup``: created if missing, else only values nobody edited by hand
    are brought to ``values``. A second run with the same values writes nothing."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = save_reference(instance=model(**lookup), values=values, actor=actor)
        report.tally(model, created=True, changed=True)
        return row
    changes = model_changes(row, typed(values))
    if changes:
        save_reference(instance=row, values=changes, actor=actor)
    report.tally(model, created=False, changed=bool(changes))
    return row


def mechanism_taxonomy() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return data


def _load_divisions(rows: list[dict[str, Any]], report: LoadReport, actor: Actor) -> None:
    by_code: dict[str, Division] = {}
    for row in sorted(rows, key=lambda r: r["level"]):
        parent = by_code.get(row["parent"]) if row["parent"] else None
        if row["parent"] and parent is None:
            parent = Division.objects.get(code=row["parent"])
        by_code[row["code"]] = ensure_reference(
            Division,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "name_en": row["name_en"],
                "level": row["level"],
                "parent": parent,
            },
            actor=actor,
            report=report,
        )


def _load_industries(rows: list[dict[str, Any]], report: LoadReport, actor: Actor) -> None:
    for row in sorted(rows, key=lambda r: r["level"]):
        parent = IndustryCode.objects.get(code=row["parent"]) if row["parent"] else None
        ensure_reference(
            IndustryCode,
            lookup={"code": row["code"]},
            values={
                "name": row["name"],
                "name_en": row["name_en"],
                "level": row["level"],
                "parent": parent,
            },
            actor=actor,
            report=report,
        )


def _load_measures(rows: list[dict[str, Any]], report: LoadReport, actor: Actor) -> None:
    for row in rows:
        values = {k: v for k, v in row.items() if k != "number"}
        ensure_reference(
            Measure, lookup={"number": row["number"]}, values=values, actor=actor, report=report
        )


def _load_fields(rows: list[dict[str, Any]], report: LoadReport, actor: Actor) -> None:
    for row in sorted(rows, key=lambda r: r["parent"] is not None):
        industries = IndustryCode.objects.filter(code__in=row["industries"])
        values = {
            "name": row["name"],
            "name_en": row["name_en"],
            "kind": row["kind"],
            "measure": Measure.objects.get(number=row["measure"]) if row["measure"] else None,
            "parent": Field.objects.get(code=row["parent"]) if row["parent"] else None,
            "keywords": row["keywords"],
            "sort_order": row["sort_order"],
            "industries": set(industries.values_list("pk", flat=True)),
        }
        ensure_reference(
            Field, lookup={"code": row["code"]}, values=values, actor=actor, report=report
        )


@transaction.atomic
def load_taxonomy(report: LoadReport, *, actor: Actor) -> LoadReport:
    """Load measures, GB/T 4754 sections and used divisions, fields and the mechanism's divisions."""
    data = mechanism_taxonomy()
    _load_divisions(data["divisions"], report, actor)
    _load_industries(data["industries"], report, actor)
    _load_measures(data["measures"], report, actor)
    _load_fields(data["fields"], report, actor)
    return report


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ValidationFailed(_("File not found: %(path)s") % {"path": path})
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _six_digits(code: str) -> str:
    return code.strip().ljust(6, "0")


@transaction.atomic
def import_divisions(*, directory: Path, actor: Actor) -> LoadReport:
    """Import every province, prefecture and county code from provinces/cities/areas CSV files."""
    report = LoadReport()
    levels = (
        ("provinces.csv", DivisionLevel.PROVINCE, None),
        ("cities.csv", DivisionLevel.PREFECTURE, "provinceCode"),
        ("areas.csv", DivisionLevel.COUNTY, "cityCode"),
    )
    tables = {name: _read_csv(directory / name) for name, _level, _parent in levels}
    for name, level, parent_column in levels:
        for row in tables[name]:
            if not row.get("code") or not row.get("name"):
                raise ValidationFailed(
                    _("%(file)s has a row without code or name.") % {"file": name}
                )
            parent = None
            if parent_column:
                parent = Division.objects.filter(code=_six_digits(row[parent_column])).first()
                if parent is None and level == DivisionLevel.COUNTY:
                    parent = Division.objects.filter(code=_six_digits(row["provinceCode"])).first()
            existing = Division.objects.filter(code=_six_digits(row["code"])).first()
            ensure_reference(
                Division,
                lookup={"code": _six_digits(row["code"])},
                values={
                    "name": row["name"].strip(),
                    "level": level,
                    "parent": parent,
                    "name_en": existing.name_en if existing else "",
                },
                actor=actor,
                report=report,
            )
    return report


def _industry_position(row: dict[str, str], level: int) -> tuple[str, str, int]:
    """(own code, parent code, level); a group without classes comes as a level-4 row."""
    parts = [row.get(k, "").strip() for k in ("section", "division", "group", "class")]
    if level == 4 and not parts[3]:
        level = 3
    own = parts[level - 1]
    parent = parts[level - 2] if level > 1 else ""
    return own, parent, level


@transaction.atomic
def import_industries(*, path: Path, actor: Actor) -> LoadReport:
    """Import the full GB/T 4754-2017 list (columns level, code, section, division, group, class)."""
    report = LoadReport()
    rows = _read_csv(path)
    for row in sorted(rows, key=lambda r: int(r.get("level") or 0)):
        level = int(row.get("level") or 0)
        if level not in (1, 2, 3, 4):
            raise ValidationFailed(
                _("Unknown level %(level)s in %(path)s") % {"level": row.get("level"), "path": path}
            )
        own, parent_code, level = _industry_position(row, level)
        parent = IndustryCode.objects.filter(code=parent_code).first() if parent_code else None
        existing = IndustryCode.objects.filter(code=own).first()
        ensure_reference(
            IndustryCode,
            lookup={"code": own},
            values={
                "name": row["name"].strip(),
                "level": level,
                "parent": parent,
                "name_en": existing.name_en if existing else "",
            },
            actor=actor,
            report=report,
        )
    return report
