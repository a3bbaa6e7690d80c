"""What a policy and a version hold, declared once (``core.inputs.Attr``): forms, the API and
spreadsheet imports all parse through these lists, so a rule is enforced the same way everywhere."""

from __future__ import annotations

from hicoop.core.inputs import Attr
from hicoop.policies.choices import EntityKind, ForeignTalent, PolicyCategory, PolicyLevel, UnitSize

MAX_TEXT = 400_000  # the longest real text (专利法实施细则) has about 27 000 characters

POLICY_ATTRS: tuple[Attr, ...] = (
    Attr("title", "标题", "title", "text", required=True, max_length=300),
    Attr("title_en", "英文标题", "English title", "text", max_length=300),
    Attr("doc_number", "文号", "document number", "text", max_length=100),
    Attr("issuer", "发布机关", "issuer", "ref", required=True),
    Attr("issuing_body", "制定机关（原文）", "issuing body as written", "text", max_length=200),
    Attr("level", "层级", "level", "choice", required=True, choices=PolicyLevel),
    Attr("category", "类别", "category", "choice", required=True, choices=PolicyCategory),
    Attr("tags", "子标签", "sub-tags", "list", max_length=40, max_items=20),
    Attr("fields", "领域", "fields", "refs", max_length=100, max_items=30),
    Attr("regions", "适用地区", "regions", "refs", max_length=200, max_items=40),
    Attr("parks", "适用园区", "parks", "refs", max_length=200, max_items=40),
    Attr("zones", "功能区", "zone designations", "refs", max_length=100, max_items=10),
    Attr("entity_kinds", "适用主体", "for entity kinds", "choices", choices=EntityKind),
    Attr("sizes", "企业规模", "for unit sizes", "choices", choices=UnitSize),
    Attr("foreign_talent", "外籍人才", "foreign talent", "choice", choices=ForeignTalent),
    Attr("benefit_summary", "优惠摘要", "benefit summary", "longtext", max_length=4000),
    Attr(
        "benefit_summary_en", "英文优惠摘要", "English benefit summary", "longtext", max_length=4000
    ),
    Attr("benefit_clauses", "优惠条款", "benefit clauses", "list", max_length=60, max_items=40),
    Attr("source_url", "来源链接", "source link", "text", max_length=500),
    Attr("source_note", "来源说明", "source", "text", max_length=500),
    Attr("key", "外部编号", "external key", "text", max_length=200),
)

VERSION_ATTRS: tuple[Attr, ...] = (
    Attr("effective_from", "生效日期", "in force from", "date", required=True),
    Attr("effective_to", "失效日期", "in force until", "date"),
    Attr("version_date", "通过或修订日期", "adopted or revised on", "date"),
    Attr("label", "版本说明", "version label", "text", max_length=100),
    Attr("full_text", "全文", "full text", "longtext", max_length=MAX_TEXT),
)

CHANGE_ATTRS: tuple[Attr, ...] = (
    Attr("reason", "理由", "reason", "longtext", required=True, max_length=2000),
    Attr("document", "依据文件", "document", "text", required=True, max_length=300),
    Attr("document_url", "文件链接", "document link", "text", max_length=500),
)

EDITION_ATTRS: tuple[Attr, ...] = (
    Attr("year", "年度", "year", "int", required=True, min_value=2000, max_value=2100),
    Attr("title", "标题", "title", "text", required=True, max_length=200),
    Attr("title_en", "英文标题", "English title", "text", max_length=250),
    Attr("introduction", "导言", "introduction", "longtext", max_length=8000),
    Attr("introduction_en", "英文导言", "English introduction", "longtext", max_length=8000),
    Attr("as_of", "版本基准日", "versions as of", "date", required=True),
)

ENTRY_ATTRS: tuple[Attr, ...] = (
    Attr("category", "类别", "category", "choice", choices=PolicyCategory),
    Attr("summary", "联合办公室摘要", "summary", "longtext", max_length=4000),
    Attr("summary_en", "英文摘要", "English summary", "longtext", max_length=4000),
    Attr("position", "排序", "position", "int", min_value=0, max_value=100000),
)

PROFILE_ATTRS: tuple[Attr, ...] = (
    Attr("entity_kind", "主体类型", "entity kind", "choice", choices=EntityKind),
    Attr("park", "园区", "park", "ref"),
    Attr("zone", "功能区", "zone designation", "ref"),
    Attr("region", "地区", "region", "ref"),
    Attr("fields", "领域", "fields", "refs", max_length=100, max_items=30),
    Attr("foreign_talent", "外籍人才", "foreign talent", "bool"),
    Attr("size", "企业规模", "size", "choice", choices=UnitSize),
)
