"""What each kind of record holds, declared once and used by forms, the API, imports and exports.

Every attribute has a Chinese and an English column name, a type and a parser that accepts
spreadsheet text ("a; b; c", "2026-05-01") as well as typed JSON values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from hicoop.core.phone import check_phone
from hicoop.core.text import as_typed, nfkc
from hicoop.listings.choices import (
    CooperationMode,
    IpType,
    ListingKind,
    ListingStatus,
    Maturity,
    TransferMode,
)
from hicoop.listings.models import Achievement, Capability, Demand

REGISTRATION_NUMBER = re.compile(r"^9\d{2}(19|20)\d{2}[A-Z]\d{4}$")
_LIST_SPLIT = re.compile(r"[;；,，、\n]+")


class ParseError(ValueError):
    """A single attribute value that cannot be read; the message is user-facing."""


@dataclass(frozen=True)
class Attr:
    name: str
    zh: str
    en: str
    type: str  # text | longtext | list | date | decimal | int | choice | choices | ref | refs
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None


def _as_list(raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    items = raw if isinstance(raw, list | tuple) else _LIST_SPLIT.split(str(raw))
    out: list[str] = []
    for item in items:
        text = as_typed(str(item))
        if text and text not in out:
            out.append(text)
    return out


def _as_date(raw: Any) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = nfkc(str(raw)).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ParseError(_("Use a date like 2026-05-01.")) from exc


# The columns hold 12 digits with 2 decimals; a larger value stored by SQLite broke every page
# that read it (issue 11). Whole numbers fit a 32-bit column.
DECIMAL_MAX = Decimal("9999999999.99")
INT_MAX = 2_147_483_647


def _scalar(raw: Any, message: Any) -> str:
    """A number given as a JSON list, object or boolean is refused, not converted."""
    if isinstance(raw, bool | list | tuple | dict | set):
        raise ParseError(message)
    return nfkc(str(raw))


def _as_decimal(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(_scalar(raw, _("Enter a number (in 10k yuan).")).replace(",", ""))
    except InvalidOperation as exc:
        raise ParseError(_("Enter a number (in 10k yuan).")) from exc
    if not value.is_finite() or value < 0:
        raise ParseError(_("Enter a number that is not negative."))
    if value > DECIMAL_MAX:
        raise ParseError(_("Enter a number of at most %(n)s.") % {"n": "9,999,999,999.99"})
    return value.quantize(Decimal("0.01"))


def _as_int(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    try:
        number = Decimal(_scalar(raw, _("Enter a whole number.")))
    except (InvalidOperation, ValueError) as exc:
        raise ParseError(_("Enter a whole number.")) from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise ParseError(_("Enter a whole number."))
    if number < 0:
        raise ParseError(_("Enter a number that is not negative."))
    if number > INT_MAX:
        raise ParseError(_("Enter a number of at most %(n)s.") % {"n": INT_MAX})
    return int(number)


def _as_text(raw: Any, attr: Attr) -> str:
    if isinstance(raw, list | tuple | dict | set | bool):
        raise ParseError(_("Enter text."))
    text = as_typed("" if raw is None else str(raw))
    if attr.type == "text":
        text = " ".join(text.split())
    if attr.max_length and len(text) > attr.max_length:
        raise ParseError(_("At most %(n)d characters.") % {"n": attr.max_length})
    return text


def _as_choice(raw: Any, attr: Attr) -> str:
    text = nfkc("" if raw is None else str(raw))
    if text and text not in attr.choices:
        raise ParseError(_("Choose one of: %(values)s") % {"values": ", ".join(attr.choices)})
    return text


def _as_choices(raw: Any, attr: Attr) -> list[str]:
    values = _as_list(raw)
    bad = [v for v in values if v not in attr.choices]
    if bad:
        raise ParseError(
            _("Unknown values %(bad)s; use: %(values)s")
            % {"bad": ", ".join(bad), "values": ", ".join(attr.choices)}
        )
    return values


def _as_phone(raw: Any, attr: Attr) -> str:
    try:
        return check_phone(_as_text(raw, attr))
    except ValueError as exc:
        raise ParseError(str(exc)) from exc


PARSERS: dict[str, Callable[[Any, Attr], Any]] = {
    "text": _as_text,
    "phone": _as_phone,
    "longtext": _as_text,
    "list": lambda raw, attr: _as_list(raw),
    "refs": lambda raw, attr: _as_list(raw),
    "date": lambda raw, attr: _as_date(raw),
    "decimal": lambda raw, attr: _as_decimal(raw),
    "int": lambda raw, attr: _as_int(raw),
    "choice": _as_choice,
    "choices": _as_choices,
    "ref": lambda raw, attr: as_typed("" if raw is None else str(raw)),
}


def parse(attr: Attr, raw: Any) -> Any:
    """The typed value of ``raw`` for ``attr``; raises ``ParseError`` with a clear message."""
    value = PARSERS[attr.type](raw, attr)
    if attr.required and value in (None, "", []):
        raise ParseError(_("This value is required."))
    return value


COMMON_HEAD = (
    Attr("external_id", "外部编号", "external_id", "text", max_length=64),
    Attr("title", "标题", "title", "text", required=True, max_length=200),
    Attr("owner", "所属单位", "owner", "ref", required=True),
)
COMMON_TAIL = (
    Attr("fields", "领域", "fields", "refs"),
    Attr("industries", "国民经济行业", "industries", "refs"),
    Attr("ends_on", "截止日期", "ends_on", "date"),
    Attr("contact_person", "联系人", "contact_person", "text", max_length=100),
    Attr("contact_phone", "联系电话", "contact_phone", "phone", max_length=40),
    Attr("contact_email", "电子邮箱", "contact_email", "text", max_length=254),
)

ATTRS: dict[str, tuple[Attr, ...]] = {
    ListingKind.DEMAND: (
        *COMMON_HEAD,
        Attr("description", "需求描述", "description", "longtext", required=True),
        Attr("measure", "所属措施", "measure", "int", required=True),
        Attr(
            "mode",
            "合作模式",
            "mode",
            "choice",
            required=True,
            choices=tuple(CooperationMode.values),
        ),
        Attr("required_capabilities", "所需能力", "required_capabilities", "list"),
        Attr("preferred_regions", "意向合作地区", "preferred_regions", "refs"),
        Attr("budget_min", "预算下限（万元）", "budget_min", "decimal"),
        Attr("budget_max", "预算上限（万元）", "budget_max", "decimal"),
        Attr("starts_on", "期望开始日期", "starts_on", "date"),
        *COMMON_TAIL,
    ),
    ListingKind.CAPABILITY: (
        *COMMON_HEAD,
        Attr("description", "能力描述", "description", "longtext", required=True),
        Attr("tags", "能力标签", "tags", "list"),
        Attr("capacity", "可同时承接合作数", "capacity", "int"),
        Attr("regions_served", "服务地区", "regions_served", "refs"),
        *COMMON_TAIL,
    ),
    ListingKind.ACHIEVEMENT: (
        *COMMON_HEAD,
        Attr("abstract", "成果简介", "abstract", "longtext", required=True),
        Attr("keywords", "关键词", "keywords", "list"),
        Attr("registration_number", "科技成果登记号", "registration_number", "text", max_length=20),
        Attr("maturity", "成熟度", "maturity", "choice", choices=tuple(Maturity.values)),
        Attr("ip_type", "知识产权类型", "ip_type", "choice", choices=tuple(IpType.values)),
        Attr("ip_numbers", "知识产权编号", "ip_numbers", "list"),
        Attr(
            "transfer_modes",
            "转化方式",
            "transfer_modes",
            "choices",
            choices=tuple(TransferMode.values),
        ),
        Attr("price_min", "价格下限（万元）", "price_min", "decimal"),
        Attr("price_max", "价格上限（万元）", "price_max", "decimal"),
        *COMMON_TAIL,
    ),
}

MODELS: dict[str, Any] = {
    ListingKind.DEMAND: Demand,
    ListingKind.CAPABILITY: Capability,
    ListingKind.ACHIEVEMENT: Achievement,
}
# URL and command-line names of the kinds.
PLURALS = {
    "demands": ListingKind.DEMAND,
    "capabilities": ListingKind.CAPABILITY,
    "achievements": ListingKind.ACHIEVEMENT,
}
SINGULAR_TO_PLURAL = {v: k for k, v in PLURALS.items()}
STATUS_VALUES = tuple(ListingStatus.values)


# The first header row in English (templates and exports for English-language users).
LABELS_EN = {
    "external_id": "External ID",
    "title": "Title",
    "owner": "Owner",
    "description": "Description",
    "measure": "Measure",
    "mode": "Cooperation mode",
    "required_capabilities": "Required capabilities",
    "preferred_regions": "Preferred regions",
    "budget_min": "Budget from (10k yuan)",
    "budget_max": "Budget up to (10k yuan)",
    "starts_on": "Desired start date",
    "tags": "Capability tags",
    "capacity": "Concurrent cooperations",
    "regions_served": "Regions served",
    "abstract": "Abstract",
    "keywords": "Keywords",
    "registration_number": "Achievement registration number",
    "maturity": "Maturity",
    "ip_type": "IP type",
    "ip_numbers": "IP numbers",
    "transfer_modes": "Transfer modes",
    "price_min": "Price from (10k yuan)",
    "price_max": "Price up to (10k yuan)",
    "fields": "Fields",
    "industries": "Industries (GB/T 4754)",
    "ends_on": "End date",
    "contact_person": "Contact person",
    "contact_phone": "Contact phone",
    "contact_email": "Contact email",
    "status": "Status",
}


def attrs(kind: str) -> tuple[Attr, ...]:
    return ATTRS[kind]
