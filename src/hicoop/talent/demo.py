"""Demo data of the talent app, all marked 演示数据 (the official list text is not available):
a published list version and a draft that tightens it, permits of demo employers and
self pre-checks. Written through the services; a second run creates nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from hicoop.core.actors import user_of
from hicoop.talent.models import ListVersion, Permit, PreCheck
from hicoop.talent.services import checks, lists, permits

HAIKOU_UNIT = "91460100MA5TDEM01M"
SHANGHAI_UNIT = "12310000MB2DEM001B"
LAW_FIRM = "91460100MA5TLX010Y"
TECH_FIRM = "91460200MA5TDY0206"

NOTE = "（演示数据）"

ENTRIES_2025: list[dict[str, Any]] = [
    {
        "code": "T-01",
        "industry": "72",
        "occupation": "2-07",
        "position_kind": "legal",
        "restriction": "restricted",
        "conditions": ["须由境内律师事务所聘用", "仅从事涉外及国际法律事务"],
        "legal_reference": "《海南自由贸易港法》第四十三条（演示引用）",
        "description": "法律服务岗位" + NOTE,
    },
    {
        "code": "T-02",
        "industry": "63",
        "position_kind": "media",
        "restriction": "prohibited",
        "legal_reference": "《外国人在中国就业管理规定》第十一条（演示引用）",
        "description": "新闻和广播电视传输岗位" + NOTE,
    },
    {
        "code": "T-03",
        "industry": "84",
        "occupation": "2-05",
        "position_kind": "medical",
        "restriction": "restricted",
        "conditions": ["取得外国医师来华短期行医许可", "在具备资质的医疗机构执业"],
        "legal_reference": "《外国医师来华短期行医暂行管理办法》（演示引用）",
        "description": "医疗执业岗位" + NOTE,
    },
]

ADDED_2026: dict[str, Any] = {
    "code": "T-04",
    "industry": "27",
    "position_kind": "technical",
    "restriction": "restricted",
    "conditions": ["中方技术负责人共同签署研发记录", "外籍技术人员占比不超过30%"],
    "legal_reference": "《海南自由贸易港外国人工作许可负面清单调整说明》（演示引用）",
    "description": "医药制造技术岗位" + NOTE,
}

PERMITS = [
    (
        "HN-DEMO-0001",
        "Anna Müller",
        "德国",
        "C01X00T47",
        "1985-03-12",
        HAIKOU_UNIT,
        "海口南药生物科技有限公司（示例）",
        "制剂工艺工程师",
        "technical",
        "27",
        "2-02",
        "B",
    ),
    (
        "HN-DEMO-0002",
        "Kenji Sato",
        "日本",
        "TK1234567",
        "1979-08-30",
        HAIKOU_UNIT,
        "海口南药生物科技有限公司（示例）",
        "研发总监",
        "management",
        "73",
        "2-01",
        "A",
    ),
    (
        "HN-DEMO-0003",
        "Lucas Martin",
        "法国",
        "18AB23456",
        "1990-11-02",
        LAW_FIRM,
        "海口示例律师事务所（演示数据）",
        "涉外律师",
        "legal",
        "72",
        "2-07",
        "B",
    ),
    (
        "HN-DEMO-0004",
        "Olga Ivanova",
        "俄罗斯",
        "753412890",
        "1988-01-25",
        SHANGHAI_UNIT,
        "上海深蓝海洋工程研究所（示例）",
        "海洋工程研究员",
        "technical",
        "73",
        "2-01",
        "A",
    ),
    (
        "HN-DEMO-0005",
        "David Brown",
        "英国",
        "533210987",
        "1992-06-18",
        TECH_FIRM,
        "三亚示例数字科技有限公司（演示数据）",
        "软件工程师",
        "technical",
        "65",
        "2-02",
        "C",
    ),
]

PRECHECKS = [
    ("27", "2-02", "technical", "质量控制工程师"),
    ("72", "2-07", "legal", "法务顾问"),
    ("73", "2-01", "technical", "药物研究员"),
]


def _user(username: str, fallback: Any) -> Any:
    return get_user_model().objects.filter(username=username).first() or fallback


def _versions(officer: Any) -> int:
    created = 0
    if not ListVersion.objects.filter(number="2025").exists():
        v = lists.create_version(
            data={
                "number": "2025",
                "title": "外国人来海南自由贸易港工作许可负面清单（2025年版，演示数据）",
                "title_en": "Work-permit negative list of the Hainan FTP (2025, demo data)",
                "document": "琼外专〔2025〕演示1号（演示数据）",
                "effective_from": dt.date(2025, 7, 1),
                "decision": "首版清单（演示数据）",
            },
            actor=officer,
        )
        for row in ENTRIES_2025:
            lists.add_entry(version=v, data=row, actor=officer)
        lists.take_action(version=v, action="submit", actor=officer)
        lists.publish(version=v, actor=officer, reason="联合办公室审议通过（演示数据）")
        created += 1
    if not ListVersion.objects.filter(number="2026").exists():
        base = ListVersion.objects.get(number="2025")
        draft = lists.create_version(
            data={
                "number": "2026",
                "title": "外国人来海南自由贸易港工作许可负面清单（2026年版草案，演示数据）",
                "title_en": "Work-permit negative list of the Hainan FTP (2026 draft, demo data)",
                "document": "",
                "effective_from": dt.date(2027, 1, 1),
                "decision": "年度推进会动态调整：医药制造技术岗位增设条件（演示数据）",
            },
            actor=officer,
            copy_from=base,
        )
        lists.add_entry(version=draft, data=ADDED_2026, actor=officer)
        created += 1
    return created


def _permits(officer: Any) -> int:
    created = 0
    for row in PERMITS:
        if Permit.objects.filter(number=row[0]).exists():
            continue
        keys = (
            "number",
            "holder_name",
            "nationality",
            "passport_number",
            "birth_date",
            "employer_uscc",
            "employer_name",
            "position_title",
            "position_kind",
            "industry",
            "occupation",
            "permit_class",
        )
        data = dict(zip(keys, row, strict=True))
        data.update(valid_from="2025-09-01", valid_to="2027-08-31")
        permits.create_permit(data=data, actor=officer, is_demo=True)
        created += 1
    return created


def _prechecks(member: Any) -> int:
    if user_of(member) is None or PreCheck.objects.filter(employer_uscc=HAIKOU_UNIT).exists():
        return 0
    for industry, occupation, kind, title in PRECHECKS:
        checks.check(
            data={
                "industry": industry,
                "occupation": occupation,
                "position_kind": kind,
                "employer_uscc": HAIKOU_UNIT,
                "position_title": title + NOTE,
                "on": "2026-03-01",
                "save": True,
            },
            actor=member,
        )
    return len(PRECHECKS)


def ensure_demo(*, actor: Any) -> dict[str, int]:
    officer = _user("talent-officer", actor)
    return {
        "negative-list versions": _versions(officer),
        "work permits": _permits(officer),
        "self pre-checks": _prechecks(_user("unit-haikou", None)),
    }
