"""Catalogue entries from a spreadsheet: every row checked first, all rows or none, errors named
by row and column; rows with a known external key update that policy."""

from __future__ import annotations

import io
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hicoop.core import coded
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.export import Column
from hicoop.core.inputs import Attr, fold
from hicoop.policies.exceptions import ImportFailed
from hicoop.policies.models import Policy
from hicoop.policies.records import POLICY_ATTRS, VERSION_ATTRS
from hicoop.policies.services.policies import (
    create_policy,
    parse_policy,
    parse_version,
    require_editor,
    update_policy,
)

ATTRS: tuple[Attr, ...] = (*POLICY_ATTRS, *VERSION_ATTRS)
MAX_ROWS = 2000


COLUMNS = [Column(a.zh, a.en) for a in ATTRS]


def coded_columns() -> list[coded.Coded]:
    """The choice columns (level, category, entity kinds, sizes, foreign talent), ADR 0051."""
    return [
        coded.Coded(a.en, a.zh, a.en, coded.choice_options(a.choices), a.type == "choices")
        for a in ATTRS
        if a.type in ("choice", "choices") and isinstance(a.choices, type)
    ]


def template() -> bytes:
    """An empty sheet: column names, keys, a 代码表/Codes sheet and a dropdown per choice column."""
    return coded.template_xlsx(COLUMNS, coded_columns(), "policies")


def _decode(number: int, values: dict[str, Any], errors: list[dict[str, Any]]) -> set[str]:
    """Coded cells to codes in place (label or code accepted); the names that were refused."""
    books = coded.books(coded_columns())
    refused = set()
    for attr in ATTRS:
        if attr.en not in books or values.get(attr.name) in (None, ""):
            continue
        try:
            values[attr.name] = books[attr.en].decode(values[attr.name])
        except coded.CodeError as exc:
            refused.add(attr.name)
            errors.append({"row": number, "column": attr.zh, "message": str(exc)})
    return refused


def _columns(header: list[Any]) -> tuple[dict[int, Attr], list[str]]:
    spellings = {fold(s): a for a in ATTRS for s in (a.zh, a.en, a.name)}
    found, unknown = {}, []
    for index, cell in enumerate(header):
        if cell in (None, ""):
            continue
        attr = spellings.get(fold(str(cell)))
        if attr is None:
            unknown.append(str(cell))
        else:
            found[index] = attr
    return found, unknown


def _rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFailed(details={"file": [_("This is not an Excel (.xlsx) file.")]}) from exc
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ImportFailed(details={"file": [_("The sheet is empty.")]})
    columns, unknown = _columns(list(rows[0]))
    if unknown:
        raise ImportFailed(
            details={"header": [_("Unknown columns: %(c)s") % {"c": ", ".join(unknown)}]}
        )
    start = 1
    if (
        len(rows) > 1
        and _columns(list(rows[1]))[0]
        and all(fold(str(v or "")) in {fold(a.en) for a in ATTRS} | {""} for v in rows[1])
    ):
        start = 2  # the second header row of our own exports (English names)
    out = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if all(v in (None, "") for v in row):
            continue
        out.append((number, {columns[i].name: v for i, v in enumerate(row) if i in columns}))
    if len(out) > MAX_ROWS:
        raise ImportFailed(details={"file": [_("At most %(n)d rows.") % {"n": MAX_ROWS}]})
    return out


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    version_names = {a.name for a in VERSION_ATTRS}
    return (
        {k: v for k, v in values.items() if k not in version_names},
        {k: v for k, v in values.items() if k in version_names},
    )


def _existing(values: dict[str, Any]) -> Policy | None:
    key = str(values.get("key") or "").strip()
    return Policy.objects.filter(key=key).first() if key else None


def _check(
    number: int, values: dict[str, Any], errors: list[dict[str, Any]], refused: set[str]
) -> None:
    names = {a.name: a.zh for a in ATTRS}
    policy_part, version_part = _split(values)
    existing = _existing(values) is not None
    checks: list[Any] = [lambda: parse_policy(policy_part, partial=existing)]
    if not existing:
        checks.append(lambda: parse_version(version_part))
    for check in checks:
        try:
            check()
        except ValidationFailed as exc:
            for field, messages in exc.details.items():
                for message in [] if field in refused else messages:
                    errors.append(
                        {"row": number, "column": names.get(field, field), "message": message}
                    )


@transaction.atomic
def import_sheet(*, content: bytes, actor: Any) -> dict[str, int]:
    require_editor(actor)
    rows = _rows(content)
    errors: list[dict[str, Any]] = []
    keys: set[str] = set()
    for number, values in rows:
        _check(number, values, errors, _decode(number, values, errors))
        key = str(values.get("key") or "")
        if key and key in keys:
            errors.append(
                {"row": number, "column": "外部编号", "message": _("Repeated in this file.")}
            )
        keys.add(key)
    if errors:
        raise ImportFailed(details={"rows": errors})
    counts = {"created": 0, "updated": 0}
    for _number, values in rows:
        policy_part, version_part = _split(values)
        existing = _existing(values)
        if existing is not None:
            update_policy(policy=existing, changes=policy_part, actor=actor)
            counts["updated"] += 1
        else:
            create_policy(data=policy_part, version=version_part, actor=actor, publish=True)
            counts["created"] += 1
    return counts
