"""The declared inputs of the transfer domain (one ``Attr`` per field, parsed the same way from
forms, JSON and spreadsheet cells), and the registration-number rule."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from hicoop.core.inputs import Attr, ParseError
from hicoop.transfer.choices import (
    AdoptionResult,
    ContractType,
    PaymentKind,
    Programme,
    RightKind,
    Zone,
)
from hicoop.transfer.models import MAX_AMOUNT

TRANSFER_ATTRS: tuple[Attr, ...] = (
    Attr("title", "合同名称", "title", "text", required=True, max_length=200),
    Attr("achievement", "科技成果", "achievement", "ref"),
    Attr("description", "技术内容说明", "description", "longtext", max_length=5000),
    Attr("seller", "卖方（让与方）", "seller", "ref", required=True),
    Attr("buyer", "买方（受让方）", "buyer", "ref", required=True),
    Attr("broker", "服务机构", "broker", "ref"),
    Attr(
        "contract_type", "合同类型", "contract type", "choice", required=True, choices=ContractType
    ),
    Attr(
        "amount",
        "合同金额（万元）",
        "amount (10k yuan)",
        "decimal",
        required=True,
        min_value=0,
        max_value=MAX_AMOUNT,
    ),
    Attr(
        "technology_amount",
        "技术交易额（万元）",
        "technology transaction amount (10k yuan)",
        "decimal",
        min_value=0,
        max_value=MAX_AMOUNT,
    ),
    Attr("signed_on", "签订日期", "signed on", "date"),
    Attr("registration_number", "技术合同登记号", "registration number", "text", max_length=40),
    Attr("registered_on", "登记日期", "registered on", "date"),
    Attr("zone", "示范区", "demonstration zone", "choice", choices=Zone),
    Attr("programmes", "试点标签", "programme tags", "choices", choices=Programme),
    Attr("field", "领域", "field", "ref"),
    Attr("item", "合作事项", "cooperation item", "ref"),
)

PAYMENT_ATTRS: tuple[Attr, ...] = (
    Attr("kind", "类型", "kind", "choice", choices=PaymentKind),
    Attr(
        "amount",
        "金额（万元）",
        "amount (10k yuan)",
        "decimal",
        required=True,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
    ),
    Attr("received_on", "到账日期", "received on", "date", required=True),
    Attr("note", "备注", "note", "text", max_length=200),
)

INSTITUTION_ATTRS: tuple[Attr, ...] = (
    Attr("party", "试点单位", "institution", "ref", required=True),
    Attr("joined_on", "纳入试点日期", "joined on", "date", required=True),
    Attr("document", "试点文件", "pilot document", "text", max_length=200),
    Attr("note", "备注", "note", "longtext", max_length=2000),
)

GRANT_ATTRS: tuple[Attr, ...] = (
    Attr("institution", "试点单位", "institution", "ref", required=True),
    Attr("achievement", "科技成果", "achievement", "ref"),
    Attr("achievement_title", "成果名称", "achievement title", "text", max_length=200),
    Attr("right", "赋予权利", "right granted", "choice", required=True, choices=RightKind),
    Attr("term_years", "期限（年）", "term (years)", "int", min_value=1, max_value=99),
    Attr("document", "审批文件", "approval document", "text", max_length=200),
    Attr("shares", "科研人员及份额", "researchers and shares", "list", required=True, max_items=50),
)

CAMPAIGN_ATTRS: tuple[Attr, ...] = (
    Attr("name", "活动名称", "name", "text", required=True, max_length=200),
    Attr("year", "年度", "year", "int", required=True, min_value=2000, max_value=2100),
    Attr("organiser", "组织单位", "organiser", "ref", required=True),
    Attr("places", "参与城市和园区", "cities and parks", "refs", max_items=200),
    Attr("achievements", "推介成果", "promoted achievements", "refs", max_items=500),
    Attr("description", "说明", "description", "longtext", max_length=5000),
)

ADOPTION_ATTRS: tuple[Attr, ...] = (
    Attr("achievement", "科技成果", "achievement", "ref", required=True),
    Attr("adopter", "承接单位", "adopting unit", "ref", required=True),
    Attr("adopted_on", "日期", "date", "date", required=True),
    Attr("result", "结果", "result", "choice", required=True, choices=AdoptionResult),
    Attr("note", "备注", "note", "longtext", max_length=2000),
)

# 技术合同登记号: 18 digits — the registration year (4), the registry's division code (6), the
# registry's serial (8). Spaces and hyphens typed for readability are dropped.
REGISTRATION_PATTERN = re.compile(r"^(\d{4})(\d{6})(\d{8})$")
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65".split()
)


def registration_number(raw: str) -> str:
    """The number in its stored form, or ``ParseError`` saying what a valid number looks like."""
    text = re.sub(r"[\s\-－]", "", raw or "")
    if not text:
        return ""
    match = REGISTRATION_PATTERN.match(text)
    problem = _(
        "A technology contract registration number has 18 digits: the year (4), the registry's "
        "division code (6) and a serial number (8), e.g. 202446010000012345."
    )
    if match is None:
        raise ParseError(problem)
    year, division = int(match.group(1)), match.group(2)
    if not 1985 <= year <= 2100 or division[:2] not in PROVINCE_PREFIXES:
        raise ParseError(problem)
    return text
