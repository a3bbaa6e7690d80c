"""The work-permit registry: entry, spreadsheet import (all rows or none) and audited exports."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit, coded, tabular
from hicoop.core.actors import require_actor
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.export import Column
from hicoop.core.inputs import Attr, ParseError, fold, parse
from hicoop.core.models import AuditAction
from hicoop.parties.models import Party
from hicoop.talent import occupations
from hicoop.talent.choices import PermitStatus
from hicoop.talent.models import Permit
from hicoop.talent.records import PERMIT_ATTRS
from hicoop.talent.roles import is_editor, is_talent_officer
from hicoop.talent.uscc import normalise, uscc_problem
from hicoop.taxonomy.models import IndustryCode

MAX_ROWS = 5000
MAX_COLUMNS = 64
# Never copied into the general audit log (PIPL): reads of these are audited in PersonalDataRead.
PERSONAL_FIELDS = ("holder_name", "passport_number", "birth_date")
COLUMNS = [Column(a.zh, a.name, a.en) for a in PERMIT_ATTRS]


def coded_columns() -> list[coded.Coded]:
    """The choice columns (position kind, class, status): codes sheet, dropdowns (ADR 0051)."""
    return [
        coded.Coded(a.name, a.zh, a.en, coded.choice_options(a.choices))
        for a in PERMIT_ATTRS
        if a.type == "choice" and isinstance(a.choices, type)
    ]


def template() -> bytes:
    """An empty import sheet: column names, keys, a 代码表/Codes sheet, a dropdown per choice."""
    return coded.template_xlsx(COLUMNS, coded_columns(), "work-permits")


def export_table(rows: list[dict[str, Any]]) -> tuple[list[Column], list[list[Any]]]:
    """Export columns and cells: a choice column's label, then its code in a column of its own."""
    books = coded.books(coded_columns())
    columns: list[Column] = []
    for attr in PERMIT_ATTRS:
        columns.append(Column(attr.zh, attr.name, attr.en))
        if attr.name in books:
            columns.append(books[attr.name].coded.code_column())
    table = []
    for row in rows:
        cells: list[Any] = []
        for attr in PERMIT_ATTRS:
            book = books.get(attr.name)
            cells.extend(book.cells(row[attr.name]) if book else [row[attr.name]])
        table.append(cells)
    return columns, table


def _audit_created(permit: Permit, actor: Any, reason: str = "") -> None:
    entry = audit.record(instance=permit, actor=actor, action=AuditAction.CREATE, reason=reason)
    if entry is not None:
        entry.changes = {
            k: ["", "＊"] if k in PERSONAL_FIELDS else v for k, v in entry.changes.items()
        }
        entry.save(update_fields=["changes"])


def _require_officer(actor: Any) -> None:
    require_actor(actor)
    if not is_editor(actor):
        raise PermissionDenied(_("Only the joint office's foreign-talent officers may do this."))


def _label(attr: Attr) -> str:
    from django.utils.translation import get_language

    return attr.en if (get_language() or "").startswith("en") else attr.zh


def _values(
    data: dict[str, Any],
    industries: dict[str, IndustryCode],
    books: dict[str, coded.CodeBook] | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed values of one permit and the errors by attribute name (``books``: the coded
    columns' code books, built once per import)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    books = books if books is not None else coded.books(coded_columns())
    for attr in PERMIT_ATTRS:
        try:
            raw = data.get(attr.name)
            if attr.name in books:
                raw = books[attr.name].code_of(raw)
            values[attr.name] = parse(attr, raw)
        except (ParseError, coded.CodeError) as exc:
            errors[attr.name] = str(exc)
    uscc = normalise(values.get("employer_uscc") or "")
    if "employer_uscc" not in errors and uscc_problem(uscc):
        errors["employer_uscc"] = _("This unified social credit code is not valid.")
    values["employer_uscc"] = uscc
    code = (values.get("industry") or "").upper()
    if "industry" not in errors:
        if code not in industries:
            errors["industry"] = _("Unknown GB/T 4754 industry code: %(c)s") % {"c": code}
        else:
            values["industry"] = industries[code]
    if values.get("occupation") and not occupations.exists(values["occupation"]):
        errors["occupation"] = _("Unknown GB/T 6565 occupation code: %(c)s") % {
            "c": values["occupation"]
        }
    if (
        values.get("valid_from")
        and values.get("valid_to")
        and values["valid_to"] < values["valid_from"]
    ):
        errors["valid_to"] = _("The end of validity is before its start.")
    values["status"] = values.get("status") or PermitStatus.VALID
    return values, errors


def _industries() -> dict[str, IndustryCode]:
    return {i.code: i for i in IndustryCode.objects.all()}


def _employers(codes: set[str]) -> dict[str, int]:
    found = (
        Party.objects.filter(credit_code__in=codes).order_by("pk").values_list("credit_code", "pk")
    )
    out: dict[str, int] = {}
    for code, pk in found:
        out.setdefault(code, pk)
    return out


@transaction.atomic
def create_permit(*, data: dict[str, Any], actor: Any, is_demo: bool = False) -> Permit:
    _require_officer(actor)
    values, errors = _values(data, _industries())
    if errors:
        raise ValidationFailed(details={k: [v] for k, v in errors.items()})
    if Permit.objects.filter(number=values["number"]).exists():
        raise ValidationFailed(details={"number": [_("This permit number is already registered.")]})
    employer_id = _employers({values["employer_uscc"]}).get(values["employer_uscc"])
    permit = Permit.objects.create(employer_id=employer_id, is_demo=is_demo, **values)
    _audit_created(permit, actor)
    return permit


def _spellings() -> dict[str, Attr]:
    """Every accepted header (zh, en, key; an export's code column names its attribute)."""
    spellings: dict[str, Attr] = {}
    for attr in PERMIT_ATTRS:
        for spelling in (attr.name, attr.zh, attr.en):
            spellings[fold(spelling)] = attr
    return spellings


def _code_headers() -> dict[str, Attr]:
    by_name = {a.name: a for a in PERMIT_ATTRS}
    out: dict[str, Attr] = {}
    for item in coded_columns():
        column = item.code_column()
        for spelling in (column.zh, column.en, column.label_en):
            out[fold(spelling)] = by_name[item.key]
    return out


def _header_map(header: list[Any]) -> tuple[dict[int, Attr], dict[int, Attr], list[str]]:
    """Label (or plain) columns, code columns (an export's code beside its label) and the
    headers that name nothing."""
    spellings, code_headers = _spellings(), _code_headers()
    columns: dict[int, Attr] = {}
    codes: dict[int, Attr] = {}
    unknown = []
    for i, cell in enumerate(header):
        text = fold(str(cell or "").strip())
        if not text:
            continue
        if text in spellings:
            columns[i] = spellings[text]
        elif text in code_headers:
            codes[i] = code_headers[text]
        else:
            unknown.append(str(cell))
    return columns, codes, unknown


def _row_data(
    row: list[Any],
    columns: dict[int, Attr],
    codes: dict[int, Attr],
    books: dict[str, coded.CodeBook],
) -> tuple[dict[str, Any], dict[str, str]]:
    """One row's cells by attribute; a coded attribute read from its label and code columns
    together (they must agree, either may be empty)."""

    def cell(i: int) -> Any:
        return row[i] if i < len(row) else None

    data = {attr.name: cell(i) for i, attr in columns.items()}
    errors: dict[str, str] = {}
    labels = {attr.name: i for i, attr in columns.items()}
    for i, attr in codes.items():
        label = cell(labels[attr.name]) if attr.name in labels else None
        try:
            data[attr.name] = coded.merge(books[attr.name], label, cell(i), True)
        except coded.CodeError as exc:
            errors[attr.name] = str(exc)
    return data, errors


def _first_data_row(rows: list[list[Any]]) -> int:
    """2, or 3 when row 2 holds the keys (a template's or an export's second header row)."""
    keys = set(_spellings()) | set(_code_headers()) | {""}
    second = rows[1] if len(rows) > 1 else []
    filled = any(c not in (None, "") for c in second)
    return 3 if filled and all(fold(str(c or "").strip()) in keys for c in second) else 2


def rows_from_xlsx(content: bytes) -> list[list[Any]]:
    """The first sheet's rows, read by the bounded reader every import uses (ADR 0013); one row
    over the cap is kept so that :func:`import_permits` can refuse it by name."""
    try:
        return tabular.xlsx_rows(content, max_rows=MAX_ROWS + 1, max_cols=MAX_COLUMNS)
    except tabular.UnreadableFile as exc:
        raise ValidationFailed(details={"file": [_("This is not a readable .xlsx file.")]}) from exc


@transaction.atomic
def import_permits(*, rows: list[list[Any]], actor: Any) -> list[Permit]:
    """All rows or none: any bad row (or a bad USCC) writes nothing; errors name row and column."""
    _require_officer(actor)
    if not rows:
        raise ValidationFailed(details={"file": [_("The sheet is empty.")]})
    columns, codes, unknown = _header_map(rows[0])
    problems: list[dict[str, Any]] = []
    if unknown:
        problems.append({"row": 1, "column": ", ".join(unknown), "message": _("Unknown column.")})
    present = {*columns.values(), *codes.values()}
    missing = [a for a in PERMIT_ATTRS if a.required and a not in present]
    for attr in missing:
        problems.append({"row": 1, "column": _label(attr), "message": _("This column is missing.")})
    start = _first_data_row(rows)
    body = [r for r in rows[start - 1 :] if any(c not in (None, "") for c in r)]
    if len(body) > MAX_ROWS:
        problems.append(
            {"row": 0, "column": "", "message": _("At most %(n)d rows.") % {"n": MAX_ROWS}}
        )
    if problems:
        raise ValidationFailed(_("Nothing was imported."), details={"rows": problems})
    industries = _industries()
    parsed = []
    seen: dict[str, int] = {}
    taken = set(Permit.objects.values_list("number", flat=True))
    by_name = {a.name: a for a in PERMIT_ATTRS}
    books = coded.books(coded_columns())
    for n, row in enumerate(rows[start - 1 :], start=start):
        if not any(c not in (None, "") for c in row):
            continue
        data, code_errors = _row_data(row, columns, codes, books)
        values, errors = _values(data, industries, books)
        errors.update(code_errors)
        number = values.get("number") or ""
        if number and (number in taken or number in seen):
            errors.setdefault("number", _("This permit number is already registered."))
        seen[number] = n
        for name, message in errors.items():
            problems.append({"row": n, "column": _label(by_name[name]), "message": message})
        parsed.append(values)
    if problems:
        raise ValidationFailed(_("Nothing was imported."), details={"rows": problems})
    employers = _employers({v["employer_uscc"] for v in parsed})
    created = [
        Permit.objects.create(employer_id=employers.get(v["employer_uscc"]), **v) for v in parsed
    ]
    for permit in created:
        _audit_created(permit, actor, reason="import")
    return created


def require_personal_export(actor: Any) -> None:
    """Exports of personal data are for foreign-talent officers only."""
    from hicoop.talent.exceptions import PersonalDataRefused

    if not is_talent_officer(actor):
        raise PersonalDataRefused()
