from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from hicoop.core.actors import LOADER
from hicoop.core.testing import user
from hicoop.policies.services import policies as services

REPO = Path(__file__).resolve().parents[4]
# CI puts shared/ beside the checkout; worktrees sit one level deeper.
CANDIDATES = [
    Path(os.environ["HICOOP_POLICY_TEXTS"]) if os.environ.get("HICOOP_POLICY_TEXTS") else None,
    REPO.parent / "shared" / "data" / "policy_texts_lawrefbook",
    REPO.parent.parent / "shared" / "data" / "policy_texts_lawrefbook",
]
TEXTS = next((p for p in CANDIDATES if p and (p / "manifest.csv").is_file()), CANDIDATES[1])

LAW_TEXT = """# 示例促进条例（演示数据）

<!-- INFO END -->

## 第一章 总则

第一条 为了促进离岸创新创业，制定本条例。

第二条 本条例适用于海南自由贸易港内的企业。

外籍人才参照适用。

## 第二章 支持措施

第三条 对在园区设立研发中心的企业，给予一次性奖励。

第四条 对引进外籍高层次人才的单位，给予住房补贴：
（一）首次引进的，补贴十万元；
（二）续聘的，补贴五万元。
"""


def texts_dir() -> Path:
    if not (TEXTS / "manifest.csv").is_file():
        pytest.skip(f"The shared policy texts are not at {TEXTS} (set HICOOP_POLICY_TEXTS)")
    return TEXTS


def make_policy(actor: Any = LOADER, *, publish: bool = True, **overrides: Any) -> Any:
    data = {
        "title": "海南自由贸易港离岸创新创业支持办法（演示数据）",
        "issuer": "mechanism:hainan-gov",
        "level": "normative_document",
        "category": "innovation",
        "regions": ["mechanism:hainan"],
        "benefit_summary": "对在园区设立研发中心的企业给予一次性奖励。",
        "benefit_clauses": ["第三条"],
        **overrides.pop("data", {}),
    }
    version = {
        "effective_from": dt.date(2024, 1, 1),
        "full_text": LAW_TEXT,
        **overrides.pop("version", {}),
    }
    return services.create_policy(data=data, version=version, actor=actor, publish=publish)


@pytest.fixture
def policy(db: Any) -> Any:
    return make_policy()


@pytest.fixture
def office() -> Any:
    return user("office")
