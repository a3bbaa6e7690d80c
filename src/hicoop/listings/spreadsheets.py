"""Excel/CSV templates, all-or-nothing imports with row-numbered errors, and exports.

A template has the Chinese column names in row 1 and the English names in row 2; an import
accepts either header (or both), checks every row first and writes only when no row has an
error. Rows are matched by ``external_id``, so importing the same file twice updates instead
of duplicating.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core import tabular
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import HicoopError
from hicoop.core.export import Column, xlsx_bytes
from hicoop.listings import records, services
from hicoop.listings.choices import ListingStatus

MAX_ROWS = 20000
MAX_COLUMNS = 64  # every template has fewer; cells beyond are never read
IMPORTABLE_STATUSES = {ListingStatus.DRAFT, ListingStatus.SUBMITTED}


class ImportFailed(HicoopError):
    """The file was refused; ``details["rows"]`` lists every problem with row and column."""

    code = "import_failed"
    status = 400
    default_message = gettext_lazy("The file has errors; nothing was imported.")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def columns(kind: str) -> list[Column]:
    return [Column(a.zh, a.en) for a in records.attrs(kind)]


def template_bytes(kind: str) -> bytes:
    return xlsx_bytes(columns(kind), [], records.SINGULAR_TO_PLURAL[kind])


def _cells_of(path_or_bytes: Path | bytes, name: str) -> list[list[Any]]:
    data = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    # Issue 11: bounded, content-checked reading (GBK CSV, padded XLSX dimensions, disguised files).
    limits = {"max_rows": MAX_ROWS + 2, "max_cols": MAX_COLUMNS}
    try:
        if name.lower().endswith(".csv"):
            return tabular.csv_rows(data, **limits)
        if not name.lower().endswith((".xlsx", ".xlsm")):
            raise ImportFailed(_("Use an .xlsx or .csv file."))
        return tabular.xlsx_rows(data, **limits)
    except tabular.UnreadableFile as exc:
        raise ImportFailed(exc.message) from exc


def _header_map(kind: str, header: list[Any]) -> dict[int, records.Attr]:
    by_name = {}
    for attr in records.attrs(kind):
        by_name[attr.zh] = attr
        by_name[attr.en] = attr
    mapping = {}
    for index, cell in enumerate(header):
        label = str(cell or "").strip()
        if label in by_name:
            mapping[index] = by_name[label]
        elif label.lower() == "status" or label == "状态":
            mapping[index] = records.Attr("status", "状态", "status", "text")
    return mapping


def _rows(kind: str, cells: list[list[Any]]) -> Iterator[tuple[int, dict[str, Any]]]:
    if not cells:
        raise ImportFailed(_("The file is empty."))
    mapping = _header_map(kind, cells[0])
    missing = [a.zh for a in records.attrs(kind) if a.required and a not in mapping.values()]
    if missing or "external_id" not in {a.name for a in mapping.values()}:
        need = missing + (
            [] if "external_id" in {a.name for a in mapping.values()} else ["外部编号"]
        )
        raise ImportFailed(
            details={"rows": [RowError(1, c, _("Column is missing.")).as_dict() for c in need]}
        )
    start = 1
    if (
        len(cells) > 1
        and _header_map(kind, cells[1])
        and all(str(cells[1][i] or "").strip() in (a.en, a.zh) for i, a in mapping.items())
    ):
        start = 2  # the English header row of our template
    if len(cells) - start > MAX_ROWS:
        raise ImportFailed(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    for number, row in enumerate(cells[start:], start=start + 1):
        if all(c in (None, "") for c in row):
            continue
        yield number, {mapping[i].name: row[i] for i in mapping if i < len(row)}


def _status_of(raw: dict[str, Any], actor: Actor) -> tuple[str | None, str | None]:
    value = str(raw.pop("status", "") or "").strip() or None
    if value is None:
        return None, None
    allowed = set(records.STATUS_VALUES) if is_system(actor) else IMPORTABLE_STATUSES
    if value not in allowed:
        return None, _("Status must be one of: %(values)s") % {"values": ", ".join(sorted(allowed))}
    return value, None


def _check(kind: str, rows: list[tuple[int, dict[str, Any]]], actor: Actor) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    labels = {a.name: a.zh for a in records.attrs(kind)}
    for number, raw in rows:
        external = str(raw.get("external_id") or "").strip()
        if not external:
            errors.append(RowError(number, "外部编号", _("This value is required.")))
        elif external in seen:
            errors.append(
                RowError(
                    number,
                    "外部编号",
                    _("Same external id as row %(row)d.") % {"row": seen[external]},
                )
            )
        seen.setdefault(external, number)
        _status, status_error = _status_of(dict(raw), actor)
        if status_error:
            errors.append(RowError(number, "状态", status_error))
        cleaned = services.clean(kind, {k: v for k, v in raw.items() if k != "status"})
        for name, messages in cleaned.errors.items():
            errors.extend(RowError(number, labels.get(name, name), m) for m in messages)
        owner = cleaned.values.get("owner")
        if owner is not None and not errors_for_row(errors, number):
            try:
                services.require_owner_scope(actor, owner)
            except HicoopError as exc:
                errors.append(RowError(number, "所属单位", str(exc.message)))
    return errors


def errors_for_row(errors: Iterable[RowError], number: int) -> bool:
    return any(e.row == number for e in errors)


def import_file(*, kind: str, content: Path | bytes, filename: str, actor: Actor) -> ImportResult:
    """Validate every row, then create or update all of them in one transaction."""
    return import_rows(kind=kind, rows=list(_rows(kind, _cells_of(content, filename))), actor=actor)


def import_rows(*, kind: str, rows: list[tuple[int, dict[str, Any]]], actor: Actor) -> ImportResult:
    """Check numbered rows of raw values; write all of them or, on any error, none."""
    if not rows:
        raise ImportFailed(_("The file has no data rows."))
    errors = _check(kind, rows, actor)
    if errors:
        raise ImportFailed(details={"rows": [e.as_dict() for e in errors]})
    return _write_all(kind, rows, actor)


@transaction.atomic
def _write_all(kind: str, rows: list[tuple[int, dict[str, Any]]], actor: Actor) -> ImportResult:
    model = records.MODELS[kind]
    created = updated = unchanged = 0
    for _number, raw in rows:
        status, _error = _status_of(raw, actor)
        existing = model.objects.filter(external_id=str(raw["external_id"]).strip()).first()
        if existing is None:
            services.create_listing(
                kind=kind, data=raw, actor=actor, status=status or ListingStatus.DRAFT
            )
            created += 1
            continue
        before = services.audit.snapshot(existing)
        services.update_listing(listing=existing, data=raw, actor=actor, reason=_("Import"))
        if status and status != existing.status and is_system(actor):
            services.import_status(existing, status, actor=actor)
        if services.audit.snapshot(existing) == before:
            unchanged += 1
        else:
            updated += 1
    return ImportResult(created, updated, unchanged)


# What the pages hide from anonymous visitors, exports hide too (issue 11: anonymous CSV/XLSX
# exports carried the contact person and phone).
PRIVATE_ATTRS = ("contact_person", "contact_phone", "contact_email")


def _shown(kind: str, user: Any) -> list[records.Attr]:
    signed_in = bool(getattr(user, "is_authenticated", False))
    return [a for a in records.attrs(kind) if signed_in or a.name not in PRIVATE_ATTRS]


def export_rows(kind: str, listings: Iterable[Any], *, user: Any) -> Iterator[list[Any]]:
    """One row per record, in the template's column order plus status; only what ``user`` sees."""
    shown = _shown(kind, user)
    for listing in listings:
        row: list[Any] = []
        for attr in shown:
            row.append(_export_value(listing, attr))
        row.append(listing.get_status_display())
        yield row


def export_columns(kind: str, *, user: Any) -> list[Column]:
    names = {a.name for a in _shown(kind, user)}
    kept = [c for a, c in zip(records.attrs(kind), columns(kind), strict=True) if a.name in names]
    return [*kept, Column("状态", "status")]


def _export_value(listing: Any, attr: records.Attr) -> Any:
    value = getattr(listing, attr.name)
    if attr.name == "owner":
        return value.name
    if attr.name == "measure":
        return value.number if value else ""
    if attr.name in ("fields", "industries"):
        return [x.code for x in value.all()]
    if attr.name in ("preferred_regions", "regions_served"):
        return [x.name for x in value.all()]
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
