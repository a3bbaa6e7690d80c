"""Excel/CSV templates, all-or-nothing imports with row-numbered errors, and exports.

A template has the column names in the user's language in row 1 and the keys in row 2; an
import accepts the Chinese or English name or the key (or both rows), checks every row first and
writes only when no row has an error. Rows are matched by ``external_id``, so importing the same
file twice updates instead of duplicating. Coded columns (choices, fields, industries, measure,
status) are declared with ``core.coded``: dropdowns and a codes sheet in the template, label or
code accepted on import, label plus code column in exports, so an export imports back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core import coded, tabular
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import HicoopError
from hicoop.core.export import Column
from hicoop.listings import records, services
from hicoop.listings.choices import CooperationMode, IpType, ListingStatus, Maturity, TransferMode
from hicoop.listings.transitions import EDITABLE_STATUSES
from hicoop.taxonomy.models import Field, IndustryCode, Measure

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


def _field_options() -> list[coded.Option]:
    return [coded.Option(f.code, f.name, f.name_en) for f in Field.objects.order_by("kind", "pk")]


def _industry_options() -> list[coded.Option]:
    return [coded.Option(i.code, i.name, i.name_en) for i in IndustryCode.objects.all()]


def _measure_options() -> list[coded.Option]:
    return [
        coded.Option(
            str(m.number),
            f"（{m.numeral}）{m.name}",
            f"({m.number}) {m.name_en}",
            aliases=(f"（{m.numeral}）", m.numeral, f"({m.number})"),
        )
        for m in Measure.objects.all()
    ]


_OPTIONS: dict[str, Any] = {
    "mode": coded.choice_options(CooperationMode),
    "maturity": coded.choice_options(Maturity),
    "ip_type": coded.choice_options(IpType),
    "transfer_modes": coded.choice_options(TransferMode),
    "fields": _field_options,
    "industries": _industry_options,
    "measure": _measure_options,
}
STATUS = coded.Coded("status", "状态", "Status", coded.choice_options(ListingStatus))


def coded_columns(kind: str) -> list[coded.Coded]:
    """The coded columns of ``kind``'s template, in column order (status comes last)."""
    out = []
    for a in records.attrs(kind):
        if a.name in _OPTIONS:
            label = records.LABELS_EN.get(a.name, a.en)
            multiple = a.type in ("choices", "refs")
            out.append(coded.Coded(a.name, a.zh, label, _OPTIONS[a.name], multiple=multiple))
    return [*out, STATUS]


def _column(attr: records.Attr) -> Column:
    return Column(attr.zh, attr.en, records.LABELS_EN.get(attr.name, ""))


def columns(kind: str) -> list[Column]:
    return [_column(a) for a in records.attrs(kind)]


def template_bytes(kind: str) -> bytes:
    """The import template: column names, a "代码表 / Codes" sheet and a dropdown per code."""
    title = next(plural for plural, k in records.PLURALS.items() if k == kind)
    return coded.template_xlsx(columns(kind), coded_columns(kind), title)


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


def _header_names(kind: str) -> dict[str, records.Attr]:
    """Every header an import recognises: Chinese name, English name or key, and code columns."""
    by_name: dict[str, records.Attr] = {}
    status = records.Attr("status", "状态", "status", "text")
    for attr in (*records.attrs(kind), status):
        label = records.LABELS_EN.get(attr.name, attr.en)
        for name in (attr.zh, attr.en, label):
            by_name[coded.fold(name)] = attr
    for column in coded_columns(kind):
        code = column.code_column()
        attr = records.Attr(code.en, code.zh, code.en, "text")
        for name in (code.zh, code.en, code.label_en):
            by_name[coded.fold(name)] = attr
    return by_name


def _header_map(kind: str, header: list[Any]) -> dict[int, records.Attr]:
    by_name = _header_names(kind)
    mapping = {}
    for index, cell in enumerate(header):
        label = coded.fold(cell)
        if label in by_name:
            mapping[index] = by_name[label]
    return mapping


def _rows(kind: str, cells: list[list[Any]]) -> Iterator[tuple[int, dict[str, Any]]]:
    if not cells:
        raise ImportFailed(_("The file is empty."))
    mapping = _header_map(kind, cells[0])
    present = {a.name.removesuffix("_code") for a in mapping.values()}
    need = [a.zh for a in records.attrs(kind) if a.required and a.name not in present]
    if "external_id" not in present:
        need.append("外部编号")
    if need:
        raise ImportFailed(
            details={"rows": [RowError(1, c, _("Column is missing.")).as_dict() for c in need]}
        )
    start = 1
    second = _header_map(kind, cells[1]) if len(cells) > 1 else {}
    if second and set(second) == set(mapping):
        start = 2  # the key row of our template
    if len(cells) - start > MAX_ROWS:
        raise ImportFailed(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    for number, row in enumerate(cells[start:], start=start + 1):
        if all(c in (None, "") for c in row):
            continue
        yield number, {mapping[i].name: row[i] for i in mapping if i < len(row)}


def _existing(kind: str, raw: dict[str, Any]) -> Any:
    external = str(raw.get("external_id") or "").strip()
    return records.MODELS[kind].objects.filter(external_id=external).first() if external else None


def _frozen_but_changed(listing: Any, cleaned: services.Cleaned) -> bool:
    """A matched or closed record in the file is fine as long as the row changes nothing."""
    if listing.status in EDITABLE_STATUSES:
        return False
    if any(getattr(listing, k) != v for k, v in cleaned.values.items()):
        return True
    return any(set(getattr(listing, k).all()) != set(v) for k, v in cleaned.relations.items())


def _status_of(
    raw: dict[str, Any], actor: Actor, existing: Any = None
) -> tuple[str | None, str | None]:
    """The status a row asks for; an exported record's own status is always accepted."""
    value = str(raw.pop("status", "") or "").strip() or None
    if value is None:
        return None, None
    allowed = set(records.STATUS_VALUES) if is_system(actor) else set(IMPORTABLE_STATUSES)
    if existing is not None:
        allowed.add(existing.status)
    if value not in allowed:
        book = coded.CodeBook.of(STATUS)
        names = [f"{book.label(v)} ({v})" for v in records.STATUS_VALUES if v in allowed]
        return None, _("Status must be one of: %(values)s") % {"values": ", ".join(names)}
    return value, None


def _decode(
    kind: str, rows: list[tuple[int, dict[str, Any]]]
) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """Rows with every coded column turned into codes (from its label or code column)."""
    books = coded.books(coded_columns(kind))
    errors: list[RowError] = []
    out = []
    for number, raw in rows:
        row = dict(raw)
        for key, book in books.items():
            code_key = key + "_code"
            if key not in row and code_key not in row:
                continue
            has_code = code_key in row
            try:
                row[key] = coded.merge(book, row.get(key), row.pop(code_key, None), has_code)
            except coded.CodeError as exc:
                row.pop(key, None)
                errors.append(RowError(number, book.coded.zh, str(exc)))
        out.append((number, row))
    return out, errors


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
        existing = _existing(kind, raw)
        _status, status_error = _status_of(dict(raw), actor, existing)
        if status_error:
            errors.append(RowError(number, "状态", status_error))
        cleaned = services.clean(kind, {k: v for k, v in raw.items() if k != "status"})
        for name, messages in cleaned.errors.items():
            errors.extend(RowError(number, labels.get(name, name), m) for m in messages)
        if existing is not None and not cleaned.errors and _frozen_but_changed(existing, cleaned):
            errors.append(
                RowError(number, "状态", _("A matched or closed record cannot be edited."))
            )
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
    rows, errors = _decode(kind, rows)
    reported = {(e.row, e.column) for e in errors}
    errors += [e for e in _check(kind, rows, actor) if (e.row, e.column) not in reported]
    errors.sort(key=lambda e: e.row)
    if errors:
        raise ImportFailed(details={"rows": [e.as_dict() for e in errors]})
    return _write_all(kind, rows, actor)


@transaction.atomic
def _write_all(kind: str, rows: list[tuple[int, dict[str, Any]]], actor: Actor) -> ImportResult:
    model = records.MODELS[kind]
    created = updated = unchanged = 0
    for _number, raw in rows:
        existing = model.objects.filter(external_id=str(raw["external_id"]).strip()).first()
        status, _error = _status_of(raw, actor, existing)
        if existing is None:
            services.create_listing(
                kind=kind, data=raw, actor=actor, status=status or ListingStatus.DRAFT
            )
            created += 1
            continue
        if existing.status not in EDITABLE_STATUSES:  # checked unchanged above
            unchanged += 1
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
    """One row per record, in the template's column order plus status; only what ``user`` sees.

    A coded column is written as its label followed by its code (see :func:`export_columns`).
    """
    shown = _shown(kind, user)
    books = coded.books(coded_columns(kind))
    for listing in listings:
        row: list[Any] = []
        for attr in shown:
            value = _export_value(listing, attr)
            row.extend(books[attr.name].cells(value) if attr.name in books else [value])
        row.extend(books["status"].cells(listing.status))
        yield row


def export_columns(kind: str, *, user: Any) -> list[Column]:
    keys = {c.key: c for c in coded_columns(kind)}
    out: list[Column] = []
    for attr in _shown(kind, user):
        out.append(_column(attr))
        if attr.name in keys:
            out.append(keys[attr.name].code_column())
    return [*out, STATUS.label_column(), STATUS.code_column()]


def _export_value(listing: Any, attr: records.Attr) -> Any:
    value = getattr(listing, attr.name)
    if attr.name == "owner":
        return value.name
    if attr.name == "measure":
        return str(value.number) if value else ""
    if attr.name in ("fields", "industries"):
        return [x.code for x in value.all()]
    if attr.name in ("preferred_regions", "regions_served"):
        return [x.name for x in value.all()]
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
