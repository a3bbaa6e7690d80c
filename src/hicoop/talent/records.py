"""Declared inputs of the talent app, parsed the same way from forms, JSON, spreadsheets and the CLI."""

from __future__ import annotations

from hicoop.core.inputs import Attr
from hicoop.talent.choices import PermitClass, PermitStatus, PositionKind, Restriction

VERSION_ATTRS = (
    Attr("number", "版本号", "Version number", "text", required=True, max_length=40),
    Attr("title", "标题", "Title", "text", required=True, max_length=200),
    Attr("title_en", "英文标题", "English title", "text", max_length=250),
    Attr("document", "文件", "Document", "text", max_length=200),
    Attr("effective_from", "生效日期", "Effective from", "date", required=True),
    Attr("decision", "调整理由与决定", "Reason and decision", "longtext", max_length=4000),
)

ENTRY_ATTRS = (
    Attr("code", "条目编号", "Entry number", "text", required=True, max_length=20),
    Attr("industry", "行业代码", "Industry code", "text", required=True, max_length=8),
    Attr("occupation", "职业代码", "Occupation code", "text", max_length=12),
    Attr("position_kind", "岗位类别", "Position kind", "choice", choices=PositionKind),
    Attr("restriction", "限制", "Restriction", "choice", required=True, choices=Restriction),
    Attr("conditions", "条件", "Conditions", "list", max_length=200, max_items=10),
    Attr("legal_reference", "法律依据", "Legal reference", "text", required=True, max_length=300),
    Attr("description", "说明", "Description", "text", max_length=500),
    Attr("policy", "引用政策", "Cited policy", "int", min_value=1, max_value=10**12),
)

CHECK_ATTRS = (
    Attr("industry", "行业代码", "Industry code", "text", required=True, max_length=8),
    Attr("occupation", "职业代码", "Occupation code", "text", max_length=12),
    Attr("position_kind", "岗位类别", "Position kind", "choice", choices=PositionKind),
    Attr("employer_uscc", "用人单位统一社会信用代码", "Employer USCC", "text", max_length=18),
    Attr("employer", "用人单位", "Employer", "int", min_value=1, max_value=10**12),
    Attr("on", "日期", "Date", "date"),
    Attr("position_title", "岗位名称", "Position", "text", max_length=200),
    Attr("save", "保存为自助预检", "Store as self pre-check", "bool"),
)

POINT_ATTRS = (
    Attr(
        "salary",
        "年薪（万元）",
        "Annual salary (10k CNY)",
        "decimal",
        min_value=0,
        max_value=100000,
    ),
    Attr(
        "education",
        "学历",
        "Education",
        "choice",
        choices=("doctorate", "master", "bachelor", "other"),
    ),
    Attr("experience", "相关工作年限", "Years of experience", "int", min_value=0, max_value=70),
    Attr(
        "working_months", "每年工作月数", "Working months a year", "int", min_value=0, max_value=12
    ),
    Attr(
        "chinese",
        "汉语水平",
        "Chinese level",
        "choice",
        choices=("chinese_degree", "hsk5", "hsk4", "hsk3", "hsk2", "hsk1", "none"),
    ),
    Attr(
        "region",
        "工作地区",
        "Workplace region",
        "choice",
        choices=("western", "northeast", "special_area", "other"),
    ),
    Attr("age", "年龄", "Age", "int", min_value=16, max_value=100),
    Attr("bonuses", "加分项", "Bonuses", "choices", choices=("top_university", "fortune500")),
    Attr(
        "local_bonus",
        "地方鼓励性加分",
        "Local bonus",
        "choice",
        choices=("hainan_shortage", "none"),
    ),
)

PERMIT_ATTRS = (
    Attr("number", "许可证号", "Permit number", "text", required=True, max_length=40),
    Attr("holder_name", "姓名", "Holder name", "text", required=True, max_length=200),
    Attr("nationality", "国籍", "Nationality", "text", required=True, max_length=60),
    Attr("passport_number", "护照号", "Passport number", "text", required=True, max_length=30),
    Attr("birth_date", "出生日期", "Birth date", "date", required=True),
    Attr(
        "employer_uscc",
        "用人单位统一社会信用代码",
        "Employer USCC",
        "text",
        required=True,
        max_length=18,
    ),
    Attr("employer_name", "用人单位", "Employer name", "text", required=True, max_length=200),
    Attr("position_title", "岗位", "Position", "text", required=True, max_length=200),
    Attr("position_kind", "岗位类别", "Position kind", "choice", choices=PositionKind),
    Attr("industry", "行业代码", "Industry code", "text", required=True, max_length=8),
    Attr("occupation", "职业代码", "Occupation code", "text", max_length=12),
    Attr("permit_class", "类别", "Class", "choice", required=True, choices=PermitClass),
    Attr("valid_from", "有效期起", "Valid from", "date", required=True),
    Attr("valid_to", "有效期止", "Valid to", "date", required=True),
    Attr("status", "状态", "Status", "choice", choices=PermitStatus),
)
