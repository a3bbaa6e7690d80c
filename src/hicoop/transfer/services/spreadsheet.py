"""A registry's contract list from a spreadsheet: every row checked first, all rows or none,
errors named by row and column (labels or codes accepted); and the export of a list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import coded, tabular
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.export import Column
from hicoop.core.inputs import Attr, fold
from hicoop.transfer.exceptions import ImportFailed
from hicoop.transfer.models import Transfer
from hicoop.transfer.records import TRANSFER_ATTRS
from hicoop.transfer.services.transfers import create_transfer, parse_transfer

MAX_ROWS = 2000
MAX_SHEET_ROWS = 5 * MAX_ROWS  # rows read, blank ones included
MAX_COLUMNS = 64
COLUMNS = [Column(a.zh, a.en) for a in TRANSFER_ATTRS]


def _coded() -> list[coded.Coded]:
    """The choice columns, for the template's codes sheet and dropdowns (ADR 0051)."""
    return [
        coded.Coded(a.en, a.zh, a.en, coded.choice_options(a.choices), a.type == "choices")
        for a in TRANSFER_ATTRS
        if a.type in ("choice", "choices") and isinstance(a.choices, type)
    ]


def template() -> bytes:
    """An empty sheet with the column names, a codes sheet and a dropdown per choice column."""
    return coded.template_xlsx(COLUMNS, _coded(), "transfers")


def _columns(header: list[Any]) -> tuple[dict[int, Attr], list[str]]:
    spellings = {fold(s): a for a in TRANSFER_ATTRS for s in (a.zh, a.en, a.name)}
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
    try:  # the bounded reader every import uses (ADR 0013); blank rows count towards its cap
        rows = tabular.xlsx_rows(content, max_rows=MAX_SHEET_ROWS, max_cols=MAX_COLUMNS)
    except tabular.UnreadableFile as exc:
        raise ImportFailed(details={"file": [_("This is not an Excel (.xlsx) file.")]}) from exc
    if len(rows) > MAX_SHEET_ROWS:
        raise ImportFailed(details={"file": [_("At most %(n)d rows.") % {"n": MAX_ROWS}]})
    if not rows:
        raise ImportFailed(details={"file": [_("The sheet is empty.")]})
    columns, unknown = _columns(list(rows[0]))
    if unknown:
        raise ImportFailed(
            details={"header": [_("Unknown columns: %(c)s") % {"c": ", ".join(unknown)}]}
        )
    english = {fold(a.en) for a in TRANSFER_ATTRS} | {""}
    start = 2 if len(rows) > 1 and all(fold(str(v or "")) in english for v in rows[1]) else 1
    out = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if all(v in (None, "") for v in row):
            continue
        values = {columns[i].name: v for i, v in enumerate(row) if i in columns and v is not None}
        out.append((number, values))
    if len(out) > MAX_ROWS:
        raise ImportFailed(details={"file": [_("At most %(n)d rows.") % {"n": MAX_ROWS}]})
    return out


def _errors(number: int, exc: HicoopError) -> list[dict[str, Any]]:
    names = {a.name: a.zh for a in TRANSFER_ATTRS}
    details = (
        exc.details
        if isinstance(exc.details, dict) and exc.details
        else {"__all__": [str(exc.message)]}
    )
    return [
        {"row": number, "column": names.get(field, ""), "message": str(message)}
        for field, messages in details.items()
        for message in messages
    ]


@transaction.atomic
def import_sheet(*, content: bytes, actor: Any) -> dict[str, int]:
    """Create a draft contract per row; one bad row (e.g. a malformed registration number)
    writes nothing and names its row and column."""
    require_actor(actor)
    rows = _rows(content)
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        try:
            parsed = parse_transfer(values)
        except ValidationFailed as exc:
            errors += _errors(number, exc)
            continue
        key = parsed.get("registration_number") or ""
        if key and key in seen:
            errors.append(
                {
                    "row": number,
                    "column": "技术合同登记号",
                    "message": _("Repeated in this file (row %(n)d).") % {"n": seen[key]},
                }
            )
        seen.setdefault(key, number)
    if errors:
        raise ImportFailed(details={"rows": errors})
    created = 0
    for number, values in rows:
        try:
            create_transfer(data=values, actor=actor)
        except HicoopError as exc:  # scope: a row the actor may not record
            raise ImportFailed(details={"rows": _errors(number, exc)}) from exc
        created += 1
    return {"created": created}


def export_rows(transfers: Iterable[Transfer]) -> list[list[Any]]:
    """One row per contract in the import's columns (labels, not codes), so it imports again."""
    out = []
    for t in transfers:
        out.append(
            [
                t.title,
                t.achievement.title if t.achievement else "",
                t.description,
                t.seller.name,
                t.buyer.name,
                t.broker.name if t.broker else "",
                t.get_contract_type_display(),
                t.amount,
                t.technology_amount if t.technology_amount is not None else "",
                t.signed_on.isoformat() if t.signed_on else "",
                t.registration_number,
                t.registered_on.isoformat() if t.registered_on else "",
                t.get_zone_display() if t.zone else "",
                "; ".join(_programme_labels(t.programmes)),
                t.field.name if t.field else "",
                t.item.number if t.item else "",
            ]
        )
    return out


def _programme_labels(codes: list[str]) -> list[str]:
    from hicoop.transfer.choices import Programme

    labels = dict(Programme.choices)
    return [str(labels.get(c, c)) for c in codes]
