"""Demo accounts, each with a role at a party of the mechanism, so every role can be tried."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from hicoop.accounts.choices import Role
from hicoop.accounts.services import create_user, grant_membership
from hicoop.core.actors import DEMO
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, adopt_demo_credit_code, create_party

DEMO_PASSWORD = "hicoop-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    party_key: str
    full_name: str


@dataclass(frozen=True)
class DemoUnit:
    key: str
    name: str
    name_en: str
    subtype: str
    parent_key: str
    division: str
    credit_code: str
    fields: tuple[str, ...]


# Example units (marked 示例) so unit members have a home; real units come from imports.
DEMO_UNITS = (
    DemoUnit(
        "demo-unit-haikou-bio",
        "海口南药生物科技有限公司（示例）",
        "Haikou Nanyao Biotech Co., Ltd. (example)",
        "enterprise",
        "haikou-hitech",
        "460100",
        "91000000MA5TDEM01W",
        ("biomedicine",),
    ),
    DemoUnit(
        "demo-unit-shanghai-ocean",
        "上海深蓝海洋工程研究所（示例）",
        "Shanghai Deep Blue Ocean Engineering Institute (example)",
        "research_institute",
        "shanghai",
        "310000",
        "12000000MB2DEM0013",
        ("deep-sea", "marine-equipment"),
    ),
)

DEMO_ACCOUNTS = (
    DemoAccount("office", Role.JOINT_OFFICE_ADMIN, "joint-office", "联合办公室管理员"),
    DemoAccount("ministry", Role.MINISTRY_OFFICER, "most-dari", "成果与区域司联络员"),
    DemoAccount("shanghai", Role.REGION_COORDINATOR, "shanghai", "上海市协调员"),
    DemoAccount("hunan", Role.REGION_COORDINATOR, "hunan", "湖南省协调员"),
    DemoAccount("haikou-park", Role.PARK_MANAGER, "haikou-hitech", "海口高新区管理员"),
    DemoAccount("unit-haikou", Role.UNIT_MEMBER, "demo-unit-haikou-bio", "海口示例企业成员"),
    DemoAccount(
        "unit-shanghai", Role.UNIT_MEMBER, "demo-unit-shanghai-ocean", "上海示例研究所成员"
    ),
    DemoAccount("evaluator", Role.EVALUATOR, "joint-office", "监测评价专家"),
    DemoAccount(
        "talent-officer", Role.TALENT_OFFICER, "joint-office", "联合办公室外国人工作管理专员"
    ),
)


def _party(key: str) -> Party:
    external = key if key.startswith("demo-") else mechanism_key(key)
    return Party.objects.get(external_id=external)


def _ensure_units() -> None:
    for unit in DEMO_UNITS:
        existing = Party.objects.filter(external_id=unit.key).first()
        if existing is not None:
            adopt_demo_credit_code(party=existing, code=unit.credit_code, actor=DEMO)
            continue
        create_party(
            data=PartyData(
                name=unit.name,
                name_en=unit.name_en,
                kind="unit",
                subtype=unit.subtype,
                parent_id=_party(unit.parent_key).pk,
                division_code=unit.division,
                credit_code=unit.credit_code,
                field_codes=unit.fields,
                external_id=unit.key,
                description="演示用示例单位，不对应真实机构。",
                description_en="An example unit for the demo; not a real organisation.",
            ),
            actor=DEMO,
        )


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    """Create the demo units and accounts that are missing; existing ones are left as they are."""
    _ensure_units()
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = create_user(
                username=account.username,
                password=DEMO_PASSWORD,
                actor=DEMO,
                full_name=account.full_name,
                check_password=False,
            )
        grant_membership(user=user, party=_party(account.party_key), role=account.role, actor=DEMO)
    return list(DEMO_ACCOUNTS)
