"""Coded spreadsheet columns: labels people read, codes systems keep (issue 10, ADR 0051).

A coded column (a choice, a taxonomy entry, a measure) is declared once as a :class:`Coded`
with its options. Then

* a template workbook gets a "代码表 / Codes" sheet listing label ↔ code for every coded column,
  and a dropdown (data validation) on the data column referring to that sheet, in the user's
  language;
* an import accepts, in that column, the Chinese label, the English label or the code (width-
  and case-folded); a value matching none is an error naming the allowed values;
* an export writes the label and puts the code in a column of its own right after it
  ("领域" + "领域代码"); an import reading both columns takes the label column and refuses a
  row where the two disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from hicoop.core.export import Column
from hicoop.core.tabular import CODES_SHEETS

CODES_SHEET_ZH, CODES_SHEET_EN = CODES_SHEETS
ITEM_SPLIT = re.compile(r"[;；\n]+")  # what an export writes between labels
WORD_SPLIT = re.compile(r"[,，、]+")  # also accepted between codes typed by hand
SHOWN_ALLOWED = 30  # an error message names at most this many allowed values


class CodeError(ValueError):
    """A value matching no label and no code; the message is user-facing."""


@dataclass(frozen=True)
class Option:
    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coded:
    """A column whose cells are codes, shown as labels."""

    key: str
    zh: str
    en: str
    options: Callable[[], Sequence[Option]]
    multiple: bool = False

    def code_column(self) -> Column:
        return Column(self.zh + "代码", self.key + "_code", self.en + " code")

    def label_column(self) -> Column:
        return Column(self.zh, self.key, self.en)


def english() -> bool:
    return (translation.get_language() or "zh-hans").lower().startswith("en")


def fold(text: Any) -> str:
    from hicoop.core.text import nfkc

    return nfkc("" if text is None else str(text)).casefold()


def choice_options(choices: type[TextChoices]) -> Callable[[], list[Option]]:
    """The options of a ``TextChoices``: Chinese and English labels from the catalogue."""

    def options() -> list[Option]:
        out = []
        for value, label in choices.choices:
            with translation.override("zh-hans"):
                zh = str(label)
            with translation.override("en"):
                en = str(label)
            out.append(Option(str(value), zh, en))
        return out

    return options


@dataclass
class CodeBook:
    """One coded column's options, looked up by label or code."""

    coded: Coded
    options: list[Option] = field(default_factory=list)
    lookup: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, coded: Coded) -> CodeBook:
        book = cls(coded, list(coded.options()))
        for option in book.options:
            for text in (option.code, option.zh, option.en, *option.aliases):
                if text:
                    book.lookup.setdefault(fold(text), option.code)
            book.labels[option.code] = option.en if english() else option.zh
        return book

    def code_of(self, raw: Any) -> str:
        """The code a cell names (empty for an empty cell)."""
        text = fold(raw)
        if not text:
            return ""
        if text in self.lookup:
            return self.lookup[text]
        raise CodeError(self.refusal(str(raw).strip()))

    def _items(self, raw: Any) -> list[Any]:
        """Cell parts: "a; b" always splits, "a、b" only where the whole is not one label."""
        if isinstance(raw, list | tuple):
            return list(raw)
        out: list[Any] = []
        for part in ITEM_SPLIT.split(str(raw or "")):
            out.extend([part] if fold(part) in self.lookup else WORD_SPLIT.split(part))
        return out

    def codes_of(self, raw: Any) -> list[str]:
        codes: list[str] = []
        bad: list[str] = []
        for item in self._items(raw):
            try:
                code = self.code_of(item)
            except CodeError:
                bad.append(str(item).strip())
                continue
            if code and code not in codes:
                codes.append(code)
        if bad:
            raise CodeError(self.refusal("; ".join(bad)))
        return codes

    def decode(self, raw: Any) -> str | list[str]:
        return self.codes_of(raw) if self.coded.multiple else self.code_of(raw)

    def refusal(self, value: str) -> str:
        allowed = [f"{self.labels[o.code]} ({o.code})" for o in self.options[:SHOWN_ALLOWED]]
        if len(self.options) > SHOWN_ALLOWED:
            allowed.append(_("… see the 代码表 / Codes sheet of the template"))
        return _("“%(value)s” is not a label or code of this column; use one of: %(allowed)s") % {
            "value": value,
            "allowed": ", ".join(allowed),
        }

    def label(self, code: Any) -> str:
        return self.labels.get(str(code), str(code))

    def cells(self, codes: Any) -> tuple[Any, Any]:
        """The label cell and the code cell an export writes for ``codes``."""
        if codes is None or codes == "":
            return "", ""
        if isinstance(codes, list | tuple):
            return [self.label(c) for c in codes], [str(c) for c in codes]
        return self.label(codes), str(codes)


def books(columns: Iterable[Coded]) -> dict[str, CodeBook]:
    return {c.key: CodeBook.of(c) for c in columns}


def merge(book: CodeBook, label_cell: Any, code_cell: Any, has_code: bool) -> str | list[str]:
    """The codes of a row from its label column and (when the file has one) its code column."""
    from_label = book.decode(label_cell)
    if not has_code:
        return from_label
    from_code = book.decode(code_cell)
    if not from_label:
        return from_code
    if from_code and from_code != from_label:
        raise CodeError(
            _("The label says %(label)s but the code column says %(code)s; change or empty one.")
            % {"label": _joined(from_label), "code": _joined(from_code)}
        )
    return from_label


def _joined(value: str | list[str]) -> str:
    return "; ".join(value) if isinstance(value, list) else value


def template_xlsx(columns: Sequence[Column], coded: Sequence[Coded], title: str) -> bytes:
    """An empty import template: header rows, a codes sheet and a dropdown per coded column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from hicoop.core.export import workbook

    wb = workbook(columns, [], title)
    sheet, codes = wb.active, wb.create_sheet(CODES_SHEET_EN if english() else CODES_SHEET_ZH)
    by_key = {c.key: c for c in coded}
    for index, column in enumerate(columns):
        if column.en not in by_key:
            continue
        book = CodeBook.of(by_key[column.en])
        ref = _write_codes(codes, book, column)
        rule = DataValidation(type="list", formula1=ref, allow_blank=True)
        # A multi-valued cell ("a; b") is not in the list: the dropdown helps, the import checks.
        rule.showErrorMessage = not book.coded.multiple
        rule.errorStyle = "warning"
        rule.add(f"{_letter(index + 1)}3:{_letter(index + 1)}{MAX_TEMPLATE_ROWS}")
        sheet.add_data_validation(rule)
    wb.active = 0
    return _saved(wb)


MAX_TEMPLATE_ROWS = 5000


def _write_codes(codes: Any, book: CodeBook, column: Column) -> str:
    """Two columns (label, code) for ``column`` on the codes sheet; the labels' range."""
    start = codes.max_column + 1 if codes.max_row > 1 or codes.cell(1, 1).value else 1
    codes.cell(1, start, column.label_en if english() and column.label_en else column.zh)
    codes.cell(1, start + 1, column.en + "_code")
    for row, option in enumerate(book.options, start=2):
        codes.cell(row, start, book.label(option.code))
        codes.cell(row, start + 1, option.code)
    last = max(2, len(book.options) + 1)
    return f"'{codes.title}'!${_letter(start)}$2:${_letter(start)}${last}"


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _saved(wb: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
