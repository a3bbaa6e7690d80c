"""Declarative input for services: each attribute is declared once (Chinese and English column
names, type, range, length) and parsed the same way from forms, JSON and spreadsheet cells.

Text is kept as the user typed it (only outer whitespace is trimmed; full-width punctuation
stays); control characters are refused. Numbers have ranges, texts lengths, dates a sane span.
A value of the wrong JSON type (a list for a title, 1.5 for a whole number) is refused, not
coerced. Choice attributes accept the code or the label in either language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from hicoop.core.exceptions import ValidationFailed

_LIST_SPLIT = re.compile(r"[;；,，、\n]+")
_INT = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_CN_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_ALLOWED_CONTROL = {"\n", "\t", "\r"}
# Full-width digits and signs are typed by Chinese input methods; other digit forms are not.
_FULL_WIDTH_NUMBER = frozenset("０１２３４５６７８９，．－＋　")
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
DEFAULT_TEXT_MAX = 200
DEFAULT_LONGTEXT_MAX = 20000


class ParseError(ValueError):
    """A single value that cannot be read; the message is user-facing."""


@dataclass(frozen=True)
class Attr:
    """One input attribute.

    ``type`` is one of text, longtext, list, date, decimal, int, bool, choice, choices, ref, refs.
    ``choices`` is a ``TextChoices`` class (or a tuple of codes) for choice/choices.
    """

    name: str
    zh: str
    en: str
    type: str
    required: bool = False
    choices: Any = ()
    max_length: int | None = None
    min_value: Decimal | int | None = None
    max_value: Decimal | int | None = None
    decimal_places: int = 2
    max_items: int = 200

    def codes(self) -> tuple[str, ...]:
        if isinstance(self.choices, tuple | list):
            return tuple(str(c) for c in self.choices)
        return tuple(str(v) for v in self.choices.values)

    def label_map(self) -> dict[str, str]:
        """Every accepted spelling (code, Chinese label, English label) → code."""
        accepted = {code: code for code in self.codes()}
        if isinstance(self.choices, tuple | list):
            return accepted
        for code, label in self.choices.choices:
            for language in ("zh-hans", "en"):
                with override(language):
                    accepted[fold(str(label))] = str(code)
        return accepted


def fold(text: str) -> str:
    """Width- and case-folded text for comparisons and search keys only (never stored)."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _refuse_controls(text: str) -> None:
    bad = [ch for ch in text if unicodedata.category(ch) in {"Cc", "Cs"}]
    if any(ch not in _ALLOWED_CONTROL for ch in bad):
        raise ParseError(_("The text contains control characters; remove them."))


def _scalar_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise ParseError(_("Enter text, not a list or an object."))
    return str(raw)


def as_text(raw: Any, attr: Attr) -> str:
    text = _scalar_text(raw).strip()
    _refuse_controls(text)
    if attr.type == "text" and ("\n" in text or "\r" in text):
        text = " ".join(text.split())
    limit = attr.max_length or (
        DEFAULT_LONGTEXT_MAX if attr.type == "longtext" else DEFAULT_TEXT_MAX
    )
    if len(text) > limit:
        raise ParseError(_("At most %(n)d characters.") % {"n": limit})
    return text


def as_list(raw: Any, attr: Attr) -> list[str]:
    if raw is None or raw == "":
        return []
    items = raw if isinstance(raw, list | tuple) else _LIST_SPLIT.split(_scalar_text(raw))
    out: list[str] = []
    for item in items:
        text = _scalar_text(item).strip()
        _refuse_controls(text)
        if len(text) > (attr.max_length or DEFAULT_TEXT_MAX):
            raise ParseError(
                _("Each entry has at most %(n)d characters.")
                % {"n": attr.max_length or DEFAULT_TEXT_MAX}
            )
        if text and text not in out:
            out.append(text)
    if len(out) > attr.max_items:
        raise ParseError(_("At most %(n)d entries.") % {"n": attr.max_items})
    return out


def as_date(raw: Any, attr: Attr | None = None) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    else:
        value = _parse_date_text(unicodedata.normalize("NFKC", _scalar_text(raw)).strip())
    if not MIN_DATE <= value <= MAX_DATE:
        raise ParseError(_("Enter a date between 1900 and 2100."))
    return value


def _parse_date_text(text: str) -> dt.date:
    match = _CN_DATE.match(text)
    if match:
        text = "-".join(match.groups())
    parts = re.split(r"[-/.]", text)
    try:
        year, month, day = (int(p) for p in parts)
        return dt.date(year, month, day)
    except (ValueError, TypeError) as exc:
        raise ParseError(_("Use a date like 2026-05-01.")) from exc


def _number_text(raw: Any) -> str:
    if isinstance(raw, bool):
        raise ParseError(_("Enter a number."))
    if isinstance(raw, int | Decimal):
        return str(raw)
    if isinstance(raw, float):
        return repr(raw)
    raw_text = _scalar_text(raw)
    if not all(ch.isascii() or ch in _FULL_WIDTH_NUMBER for ch in raw_text):
        raise ParseError(_("Enter a number with the digits 0-9."))
    return unicodedata.normalize("NFKC", raw_text).strip().replace(",", "")


def _in_range(value: Decimal, attr: Attr) -> None:
    low, high = attr.min_value, attr.max_value
    if low is not None and value < Decimal(low):
        raise ParseError(_("Enter a number of at least %(n)s.") % {"n": low})
    if high is not None and value > Decimal(high):
        raise ParseError(_("Enter a number of at most %(n)s.") % {"n": high})


def as_decimal(raw: Any, attr: Attr) -> Decimal | None:
    if raw in (None, ""):
        return None
    text = _number_text(raw)
    if not _NUMBER.match(text) and not re.match(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$", text):
        raise ParseError(_("Enter a number."))
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ParseError(_("Enter a number.")) from exc
    if not value.is_finite():
        raise ParseError(_("Enter a number."))
    _in_range(value, attr)
    quantum = Decimal(1).scaleb(-attr.decimal_places)
    return value.quantize(quantum)


def as_int(raw: Any, attr: Attr) -> int | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, float) and not raw.is_integer():
        raise ParseError(_("Enter a whole number."))
    text = _number_text(int(raw) if isinstance(raw, float) else raw)
    if not _INT.match(text):
        raise ParseError(_("Enter a whole number."))
    value = int(text)
    _in_range(Decimal(value), attr)
    return value


_TRUE = {"1", "true", "yes", "y", "是", "对", "√", "on"}
_FALSE = {"0", "false", "no", "n", "否", "不", "×", "off"}


def as_bool(raw: Any, attr: Attr) -> bool | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, bool):
        return raw
    text = fold(_scalar_text(raw))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParseError(_("Answer yes or no."))


def as_choice(raw: Any, attr: Attr) -> str:
    text = _scalar_text(raw).strip()
    if not text:
        return ""
    found = attr.label_map().get(text) or attr.label_map().get(fold(text))
    if found is None:
        raise ParseError(_("Choose one of: %(values)s") % {"values": ", ".join(_labels(attr))})
    return found


def as_choices(raw: Any, attr: Attr) -> list[str]:
    accepted = attr.label_map()
    values, bad = [], []
    for item in as_list(raw, attr):
        code = accepted.get(item) or accepted.get(fold(item))
        if code is None:
            bad.append(item)
        elif code not in values:
            values.append(code)
    if bad:
        raise ParseError(
            _("Unknown values %(bad)s; use: %(values)s")
            % {"bad": ", ".join(bad), "values": ", ".join(_labels(attr))}
        )
    return values


def _labels(attr: Attr) -> list[str]:
    if isinstance(attr.choices, tuple | list):
        return [str(c) for c in attr.choices]
    return [str(label) for _code, label in attr.choices.choices]


def as_ref(raw: Any, attr: Attr) -> str:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    text = _scalar_text(raw).strip()
    _refuse_controls(text)
    if len(text) > 200:
        raise ParseError(_("At most %(n)d characters.") % {"n": 200})
    return text


PARSERS: dict[str, Callable[[Any, Attr], Any]] = {
    "text": as_text,
    "longtext": as_text,
    "list": as_list,
    "refs": as_list,
    "date": as_date,
    "decimal": as_decimal,
    "int": as_int,
    "bool": as_bool,
    "choice": as_choice,
    "choices": as_choices,
    "ref": as_ref,
}


def parse(attr: Attr, raw: Any) -> Any:
    """The typed value of ``raw`` for ``attr``; raises ``ParseError`` with a clear message."""
    value = PARSERS[attr.type](raw, attr)
    if attr.required and value in (None, "", []):
        raise ParseError(_("This value is required."))
    return value


@dataclass
class Cleaned:
    """Parsed input: typed values and every error found, by attribute name."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(str(message))

    def raise_errors(self) -> None:
        if self.errors:
            raise ValidationFailed(details=self.errors)


def clean(
    attrs: Iterable[Attr],
    data: Mapping[str, Any],
    *,
    partial: bool = False,
    strict: bool = True,
) -> Cleaned:
    """Parse every declared attribute present in ``data`` (all of them unless ``partial``).

    ``strict`` reports keys that are not declared, so a typo is not silently ignored.
    """
    declared = {a.name: a for a in attrs}
    cleaned = Cleaned()
    if not isinstance(data, Mapping):
        cleaned.add("__all__", _("Send an object of fields."))
        return cleaned
    for name, attr in declared.items():
        if partial and name not in data:
            continue
        try:
            cleaned.values[name] = parse(attr, data.get(name))
        except ParseError as exc:
            cleaned.add(name, str(exc))
    if strict:
        for name in sorted(set(data) - set(declared)):
            cleaned.add(str(name)[:60], _("Unknown field."))
    return cleaned
