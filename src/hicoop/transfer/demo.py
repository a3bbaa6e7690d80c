"""Demo records of the transfer domain (written for the project, every one marked 演示数据):
contracts through the 苏南, 浙江 and 上海闵行 zones and Hainan's own, one of each contract type,
the 重大新药创制 and 百城百园 tags, a pilot institution with grants (one attempt refused for shares
over 100 %), and a 百城百园 campaign with adoptions, one of which became a contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from hicoop.core.actors import DEMO
from hicoop.listings import services as listing_services
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.listings.models import Achievement
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party
from hicoop.transfer import services
from hicoop.transfer.models import Campaign, Grant, PilotInstitution, Transfer

MARK = "（演示数据）"
YEAR = 2026

# key, name, English name, subtype, parent mechanism key
UNITS = (
    (
        "demo-transfer-suzhou",
        "苏州纳米材料研究院" + MARK,
        "Suzhou Nanomaterials Institute (demo)",
        "research_institute",
        "sunan-transfer",
    ),
    (
        "demo-transfer-hangzhou",
        "杭州智联软件有限公司" + MARK,
        "Hangzhou Zhilian Software Co. (demo)",
        "enterprise",
        "zhejiang-transfer",
    ),
    (
        "demo-transfer-minhang",
        "闵行新药研发中心" + MARK,
        "Minhang New Drug R&D Centre (demo)",
        "research_institute",
        "minhang-transfer",
    ),
    (
        "demo-transfer-hunan",
        "长沙海工装备有限公司" + MARK,
        "Changsha Marine Equipment Co. (demo)",
        "enterprise",
        "hunan",
    ),
    (
        "demo-transfer-hnu",
        "海南热带海洋大学示范学院" + MARK,
        "Hainan Tropical Ocean Demo College (demo)",
        "university",
        "haikou",
    ),
    (
        "demo-transfer-yazhou",
        "崖州湾种业科技有限公司" + MARK,
        "Yazhou Bay Seed Tech Co. (demo)",
        "enterprise",
        "yazhou-bay",
    ),
    (
        "demo-transfer-boao",
        "博鳌乐城创新药械有限公司" + MARK,
        "Boao Lecheng Innovative Medicines Co. (demo)",
        "enterprise",
        "boao-lecheng",
    ),
)

# external id, title, owner key, field
ACHIEVEMENTS = (
    ("demo-transfer-a1", "高强度纳米涂层防腐技术" + MARK, "demo-transfer-suzhou", "new-materials"),
    (
        "demo-transfer-a2",
        "港口物联网调度平台" + MARK,
        "demo-transfer-hangzhou",
        "information-industry",
    ),
    ("demo-transfer-a3", "一类抗肿瘤新药候选化合物" + MARK, "demo-transfer-minhang", "biomedicine"),
    (
        "demo-transfer-a4",
        "深海作业机械臂控制系统" + MARK,
        "demo-transfer-hunan",
        "marine-equipment",
    ),
    ("demo-transfer-a5", "热带海洋生物活性物质提取工艺" + MARK, "demo-transfer-hnu", "biomedicine"),
    ("demo-transfer-a6", "耐盐碱水稻分子育种技术" + MARK, "demo-transfer-hnu", "super-hybrid-rice"),
)

# title, achievement, seller, buyer, type, amount, tech part, zone, programmes, field, path
CONTRACTS = (
    (
        "纳米防腐涂层技术许可合同" + MARK,
        "demo-transfer-a1",
        "demo-transfer-suzhou",
        "demo-transfer-yazhou",
        "licence",
        "320",
        "300",
        "sunan",
        [],
        "new-materials",
        "complete",
    ),
    (
        "港口调度平台技术开发合同" + MARK,
        "demo-transfer-a2",
        "demo-transfer-hangzhou",
        "demo-unit-haikou-bio",
        "development",
        "180",
        "150",
        "zhejiang",
        ["factor_flow"],
        "information-industry",
        "register",
    ),
    (
        "抗肿瘤新药候选化合物技术转让合同" + MARK,
        "demo-transfer-a3",
        "demo-transfer-minhang",
        "demo-transfer-boao",
        "assignment",
        "1500",
        "1500",
        "minhang",
        ["new_drugs"],
        "biomedicine",
        "take_effect",
    ),
    (
        "临床试验方案技术咨询合同" + MARK,
        "",
        "demo-transfer-minhang",
        "demo-transfer-boao",
        "consulting",
        "60",
        "60",
        "minhang",
        ["new_drugs"],
        "clinical-medicine",
        "sign",
    ),
    (
        "海洋生物活性物质作价投资协议" + MARK,
        "demo-transfer-a5",
        "demo-transfer-hnu",
        "demo-unit-haikou-bio",
        "equity",
        "800",
        "800",
        "hainan",
        [],
        "biomedicine",
        "register",
    ),
    (
        "深海机械臂技术服务合同" + MARK,
        "demo-transfer-a4",
        "demo-transfer-hunan",
        "demo-transfer-yazhou",
        "service",
        "95",
        "80",
        "",
        ["hundred_cities"],
        "marine-equipment",
        "register",
    ),
)


def _party(key: str) -> Party:
    return Party.objects.get(external_id=key if key.startswith("demo-") else f"mechanism:{key}")


def _units() -> int:
    created = 0
    for key, name, name_en, subtype, parent in UNITS:
        if Party.objects.filter(external_id=key).exists():
            continue
        create_party(
            data=PartyData(
                name=name,
                name_en=name_en,
                kind="unit",
                subtype=subtype,
                parent_id=_party(parent).pk,
                external_id=key,
                description="演示用示例单位，不对应真实机构（演示数据）。",
                description_en="An example unit for the demo; not a real organisation.",
            ),
            actor=None,
        )
        created += 1
    return created


def _achievements() -> int:
    created = 0
    for external_id, title, owner, field in ACHIEVEMENTS:
        if Achievement.objects.filter(external_id=external_id).exists():
            continue
        data = {
            "external_id": external_id,
            "title": title,
            "owner": owner,
            "fields": [field],
            "abstract": f"{title}：用于演示技术转移示范区功能的示例成果（演示数据）。",
        }
        listing_services.create_listing(
            kind=ListingKind.ACHIEVEMENT, data=data, actor=None, status=ListingStatus.PUBLISHED
        )
        created += 1
    return created


PATHS = {
    "sign": ["sign"],
    "register": ["sign", "register"],
    "take_effect": ["sign", "register", "take_effect"],
    "complete": ["sign", "register", "take_effect", "complete"],
}


def _contracts(actor: Any) -> int:
    created = 0
    for n, row in enumerate(CONTRACTS, start=1):
        title, achievement, seller, buyer, kind, amount, tech, zone, programmes, field, path = row
        if Transfer.objects.filter(title=title).exists():
            continue
        signed = dt.date(YEAR, 1 + n, 10 + n)
        data = {
            "title": title,
            "seller": seller,
            "buyer": buyer,
            "contract_type": kind,
            "amount": amount,
            "technology_amount": tech,
            "signed_on": signed.isoformat(),
            "zone": zone,
            "programmes": programmes,
            "field": field,
            "broker": "mechanism:nttc-hainan",
            "achievement": _achievement_ref(achievement),
            "description": "" if achievement else "为新药临床试验提供方案设计咨询（演示数据）。",
        }
        transfer = services.create_transfer(data=data, actor=actor, is_demo=True)
        for step in PATHS[path]:
            number = f"{YEAR}460100{n:08d}" if step == "register" else ""
            services.take_step(
                transfer=transfer, action=step, actor=actor, on=signed, registration=number
            )
        if path in ("take_effect", "complete"):
            services.record_payment(
                transfer=transfer,
                data={
                    "amount": amount if path == "complete" else str(int(amount) // 2),
                    "received_on": (signed + dt.timedelta(days=60)).isoformat(),
                    "note": "演示数据",
                },
                actor=actor,
            )
        created += 1
    return created


def _achievement_ref(external_id: str) -> str:
    if not external_id:
        return ""
    return str(Achievement.objects.get(external_id=external_id).pk)


def _pilot(actor: Any) -> int:
    if PilotInstitution.objects.filter(party__external_id="demo-transfer-hnu").exists():
        return 0
    services.add_institution(
        data={
            "party": "demo-transfer-hnu",
            "joined_on": f"{YEAR}-01-15",
            "document": "琼科〔2026〕示例号（演示数据）",
        },
        actor=actor,
        is_demo=True,
    )
    rice, bio = _achievement_ref("demo-transfer-a6"), _achievement_ref("demo-transfer-a5")
    owned = services.propose_grant(
        data={
            "institution": "demo-transfer-hnu",
            "achievement": rice,
            "right": "ownership",
            "shares": ["王海 50", "李南 20"],
            "document": "演示数据",
        },
        actor=actor,
        is_demo=True,
    )
    services.decide_grant(
        grant=owned,
        approve=True,
        actor=actor,
        on=dt.date(YEAR, 3, 1),
        document="院务会决议（演示数据）",
    )
    use = services.propose_grant(
        data={
            "institution": "demo-transfer-hnu",
            "achievement": bio,
            "right": "long_term_use",
            "term_years": 15,
            "shares": ["陈琼 60", "周海 40"],
        },
        actor=actor,
        is_demo=True,
    )
    services.decide_grant(grant=use, approve=True, actor=actor, on=dt.date(YEAR, 4, 1))
    # Noted attempt: 50 % + 20 % already granted, 40 % more would make 110 %.
    services.propose_grant(
        data={
            "institution": "demo-transfer-hnu",
            "achievement": rice,
            "right": "ownership",
            "shares": ["赵洋 40"],
        },
        actor=actor,
        is_demo=True,
        keep_refused=True,
    )
    return Grant.objects.filter(is_demo=True).count()


def _campaign(actor: Any) -> int:
    name = "2026年百城百园技术推介行动·海南站" + MARK
    if Campaign.objects.filter(name=name, year=YEAR).exists():
        return 0
    campaign = services.create_campaign(
        data={
            "name": name,
            "year": YEAR,
            "organiser": "mechanism:nttc-hainan",
            "places": [
                "mechanism:haikou",
                "mechanism:sanya",
                "mechanism:yazhou-bay",
                "mechanism:boao-lecheng",
            ],
            "achievements": [
                _achievement_ref(k)
                for k in ("demo-transfer-a1", "demo-transfer-a4", "demo-transfer-a2")
            ],
            "description": "面向海南城市和园区推介先进适用科技成果（演示数据）。",
        },
        actor=actor,
        is_demo=True,
    )
    adopted = services.record_adoption(
        campaign=campaign,
        data={
            "achievement": _achievement_ref("demo-transfer-a4"),
            "adopter": "demo-transfer-yazhou",
            "adopted_on": f"{YEAR}-05-20",
            "result": "adopted",
            "note": "演示数据",
        },
        actor=actor,
        is_demo=True,
    )
    deep_sea = Transfer.objects.filter(title__startswith="深海机械臂技术服务合同").first()
    if deep_sea is not None:
        services.link_adoption_transfer(adoption=adopted, transfer=deep_sea, actor=actor)
    services.record_adoption(
        campaign=campaign,
        data={
            "achievement": _achievement_ref("demo-transfer-a2"),
            "adopter": "demo-unit-haikou-bio",
            "adopted_on": f"{YEAR}-06-02",
            "result": "negotiating",
            "note": "演示数据",
        },
        actor=actor,
        is_demo=True,
    )
    return 1


@transaction.atomic
def ensure_demo(*, actor: Any = DEMO) -> dict[str, int]:
    """Create what is missing; records that exist (or that users changed) are left alone."""
    return {
        "transfer units": _units(),
        "transfer achievements": _achievements(),
        "transfer contracts": _contracts(actor),
        "rights grants": _pilot(actor),
        "promotion campaigns": _campaign(actor),
    }
