from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hicoop.core.testing import user
from hicoop.talent.models import ListVersion, Permit
from hicoop.talent.services import lists, permits
from hicoop.taxonomy.models import IndustryCode

HAIKOU_UNIT = "91460100MA5TDEM01M"  # demo-unit-haikou-bio (unit-haikou is a member)
OTHER_FIRM = "91460100MA5TLX010Y"
BAD_USCC = "91460100MA5TLX0100"  # wrong check character


@pytest.fixture
def officer() -> Any:
    return user("talent-officer")


@pytest.fixture
def legal_group() -> IndustryCode:
    """GB/T 4754 group 723 法律服务 as the full standard table import would add it."""
    division = IndustryCode.objects.get(code="72")
    found, _ = IndustryCode.objects.get_or_create(
        code="723",
        defaults={"level": 3, "name": "法律服务", "name_en": "Legal services", "parent": division},
    )
    return found


def entry(
    code: str, industry: str, restriction: str = "restricted", **extra: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "industry": industry,
        "restriction": restriction,
        "conditions": extra.pop(
            "conditions", ["须与中方机构合作"] if restriction == "restricted" else []
        ),
        "legal_reference": extra.pop("legal_reference", f"演示依据 {code}"),
        **extra,
    }


def publish(version: ListVersion, actor: Any, reason: str = "审议通过") -> ListVersion:
    lists.take_action(version=version, action="submit", actor=actor)
    return lists.publish(version=version, actor=actor, reason=reason)


@pytest.fixture
def published(officer: Any) -> ListVersion:
    version = lists.create_version(
        data={
            "number": "T2025",
            "title": "测试清单2025（演示数据）",
            "effective_from": dt.date(2025, 7, 1),
        },
        actor=officer,
    )
    lists.add_entry(
        version=version,
        data=entry("T-01", "63", "prohibited", position_kind="media"),
        actor=officer,
    )
    lists.add_entry(
        version=version,
        data=entry("T-02", "84", occupation="2-05", position_kind="medical"),
        actor=officer,
    )
    return publish(version, officer)


def permit_data(
    number: str, uscc: str = HAIKOU_UNIT, industry: str = "723", **extra: Any
) -> dict[str, Any]:
    return {
        "number": number,
        "holder_name": "Anna Müller",
        "nationality": "德国",
        "passport_number": "C01X00T47",
        "birth_date": "1985-03-12",
        "employer_uscc": uscc,
        "employer_name": "海口南药生物科技有限公司（示例）",
        "position_title": "涉外法务",
        "position_kind": "legal",
        "industry": industry,
        "occupation": "2-07",
        "permit_class": "B",
        "valid_from": "2025-09-01",
        "valid_to": "2028-08-31",
        **extra,
    }


@pytest.fixture
def permit(officer: Any, legal_group: IndustryCode) -> Permit:
    return permits.create_permit(data=permit_data("HN-T-0001"), actor=officer)
