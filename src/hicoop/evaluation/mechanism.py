"""Reference data of monitoring and evaluation: the indicators, the legend set, the first scoring
and allocation formula versions, the data-set validation rules and the commendation rules.

Loaded by ``hicoop load-mechanism`` (idempotent; a row a user changed is left as it is).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hicoop.core.loading import LoadReport
from hicoop.engine.allocation import AllocationFormula
from hicoop.engine.evaluation_scoring import ScoringFormula, WeightedIndicator
from hicoop.evaluation.choices import Direction, Importance, RuleKind, Source
from hicoop.evaluation.models import (
    CommendationRule,
    FormulaVersion,
    Indicator,
    LegendSet,
    ValidationRule,
)
from hicoop.taxonomy.models import Measure

C, R = Source.COMPUTED, Source.REPORTED
# code, name, English name, definition, numerator, denominator, factor, unit, source, measure
INDICATORS: tuple[tuple[str, str, str, str, str, str, int, str, str, int | None], ...] = (
    (
        "items_completed",
        "合作事项完成率",
        "Items completed",
        "已完成的合作事项占已商定事项的比例",
        "已完成事项数",
        "已商定、实施中和已完成事项数",
        100,
        "%",
        C,
        1,
    ),
    (
        "items_progress",
        "合作事项加权进度",
        "Weighted item progress",
        "合作事项按权重汇总的平均进度",
        "Σ 权重 × 进度",
        "Σ 权重",
        100,
        "%",
        C,
        1,
    ),
    (
        "milestones_on_time",
        "里程碑按期完成率",
        "Milestones on time",
        "本年到期的里程碑中按期完成的比例",
        "按期完成的里程碑数",
        "本年到期的里程碑数",
        100,
        "%",
        C,
        1,
    ),
    (
        "reports_on_time",
        "进展报告按时率",
        "Progress reports on time",
        "按报告周期应交的进展报告中实际提交的比例",
        "已提交报告数",
        "应提交报告数",
        100,
        "%",
        C,
        1,
    ),
    (
        "key_tasks_progress",
        "重点任务平均进度",
        "Key-task progress",
        "所涉司局对口支持重点任务的平均进度",
        "Σ 任务进度",
        "任务数",
        100,
        "%",
        C,
        5,
    ),
    (
        "pairing_platforms",
        "共建平台数",
        "Platforms co-built",
        "对口帮扶中已运行的共建平台数量",
        "运行中的平台数",
        "",
        1,
        "个",
        C,
        4,
    ),
    (
        "demands_answered",
        "需求响应率",
        "Demands answered",
        "本地单位提出的需求中已获响应或对接的比例",
        "已响应需求数",
        "需求数",
        100,
        "%",
        C,
        1,
    ),
    (
        "talents_to_hainan",
        "来琼人才数",
        "Talents to Hainan",
        "年度内派驻或引进到海南工作的科技人才",
        "人数",
        "",
        1,
        "人",
        R,
        4,
    ),
    (
        "funds_invested",
        "投入资金",
        "Funds invested",
        "年度内合作投入资金总额",
        "金额",
        "",
        1,
        "万元",
        R,
        1,
    ),
    (
        "funds_local",
        "其中地方财政资金",
        "Of which local public funds",
        "投入资金中地方财政资金",
        "金额",
        "",
        1,
        "万元",
        R,
        1,
    ),
    (
        "activities_held",
        "合作活动次数",
        "Cooperation activities",
        "年度内举办的对接、培训、论坛等活动",
        "次数",
        "",
        1,
        "次",
        R,
        4,
    ),
    (
        "transfer_contracts",
        "技术转移合同数",
        "Technology-transfer contracts",
        "年度内签订、一方在本地区的技术转移合同",
        "合同数",
        "",
        1,
        "项",
        C,
        3,
    ),
    (
        "transfer_amount",
        "技术转移合同金额",
        "Technology-transfer amount",
        "上述合同的金额合计",
        "金额",
        "",
        1,
        "万元",
        C,
        3,
    ),
)

WEIGHTS = {
    "items_completed": "0.15",
    "items_progress": "0.15",
    "milestones_on_time": "0.1",
    "reports_on_time": "0.1",
    "key_tasks_progress": "0.1",
    "pairing_platforms": "0.05",
    "demands_answered": "0.1",
    "talents_to_hainan": "0.1",
    "funds_invested": "0.1",
    "activities_held": "0.05",
}
SCORING_V1 = ScoringFormula(
    version="2026.1",
    effective_from=dt.date(2026, 1, 1),
    indicators=tuple(WeightedIndicator(c, Decimal(w)) for c, w in WEIGHTS.items()),
    normalisation="target",
    cap=Decimal(1),
    missing="renormalise",
)
# From mid-2026 the transfers of measure 三 count too (the version in force at the year's end is used).
WEIGHTS_V2 = {
    "items_completed": "0.15",
    "items_progress": "0.1",
    "milestones_on_time": "0.1",
    "reports_on_time": "0.1",
    "key_tasks_progress": "0.1",
    "pairing_platforms": "0.05",
    "demands_answered": "0.1",
    "transfer_contracts": "0.075",
    "transfer_amount": "0.075",
    "talents_to_hainan": "0.05",
    "funds_invested": "0.05",
    "activities_held": "0.05",
}
SCORING_V2 = ScoringFormula(
    version="2026.2",
    effective_from=dt.date(2026, 7, 1),
    indicators=tuple(WeightedIndicator(c, Decimal(w)) for c, w in WEIGHTS_V2.items()),
    normalisation="target",
    cap=Decimal(1),
    missing="renormalise",
)
ALLOCATION_V1 = AllocationFormula(
    version="2026.1",
    effective_from=dt.date(2026, 1, 1),
    base_share=Decimal("0.3"),
    floor_wan=Decimal(200),
    cap_wan=Decimal(3000),
)
RULES = (
    (
        "local-within-total",
        "funds_local",
        "le",
        "funds_invested",
        Importance.HIGH,
        "地方财政资金不能超过投入资金总额",
        "Local public funds cannot exceed the funds invested",
    ),
    (
        "talents-plausible",
        "talents_to_hainan",
        "le",
        "5000",
        Importance.MEDIUM,
        "来琼人才数超过 5000 人，请核实",
        "More than 5,000 talents: please check",
    ),
    (
        "activities-held",
        "activities_held",
        "ge",
        "1",
        Importance.LOW,
        "本年度没有合作活动",
        "No cooperation activity this year",
    ),
)
COMMENDATION_RULES: tuple[tuple[str, str, str, str, dict[str, Any]], ...] = (
    ("top-scores", RuleKind.TOP_SCORES, "综合评价前三名", "Top three scores", {"top": 3}),
    (
        "ahead-of-plan",
        RuleKind.AHEAD_OF_PLAN,
        "合作事项提前完成",
        "Items completed ahead of plan",
        {},
    ),
    ("reports-on-time", RuleKind.REPORTS_ON_TIME, "进展报告全部按时", "Every report on time", {}),
    (
        "credit-b-or-better",
        RuleKind.CREDIT_GRADE,
        "信用等级均不低于 B",
        "No credit grade below B",
        {"lowest": "B"},
    ),
    (
        "data-approved",
        RuleKind.DATA_APPROVED,
        "数据按时报送并审核通过",
        "Data sets approved on time",
        {},
    ),
)


def _count(report: LoadReport, created: bool, label: str) -> None:
    report.count(report.created if created else report.unchanged, label)


def ensure_indicators(report: LoadReport) -> None:
    legend, created = LegendSet.objects.get_or_create(
        code="default", defaults={"name": "默认三色", "name_en": "Default traffic lights"}
    )
    _count(report, created, LegendSet._meta.label)
    for order, row in enumerate(INDICATORS, start=1):
        code, name, name_en, definition, num, den, factor, unit, source, measure = row
        _ind, created = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "definition": definition,
                "numerator": num,
                "denominator": den,
                "factor": Decimal(factor),
                "unit": unit,
                "direction": Direction.HIGHER,
                "source": source,
                "group": Measure.objects.filter(number=measure).first() if measure else None,
                "legend": legend,
                "order": order,
            },
        )
        _count(report, created, Indicator._meta.label)


def ensure_formulas(report: LoadReport) -> None:
    for kind, formula, note in (
        (FormulaVersion.SCORING, SCORING_V1, "目标达成度（封顶 100%），缺项权重按比例分摊"),
        (FormulaVersion.SCORING, SCORING_V2, "加入技术转移合同数与金额"),
        (FormulaVersion.ALLOCATION, ALLOCATION_V1, "基础 30% + 绩效 70%，每地 200–3000 万元"),
    ):
        _row, created = FormulaVersion.objects.get_or_create(
            kind=kind,
            version=formula.version,
            defaults={
                "effective_from": formula.effective_from,
                "parameters": formula.as_dict(),
                "note": note,
            },
        )
        _count(report, created, FormulaVersion._meta.label)


def ensure_rules(report: LoadReport) -> None:
    for code, left, operator, right, importance, message, message_en in RULES:
        _rule, created = ValidationRule.objects.get_or_create(
            code=code,
            defaults={
                "left": left,
                "operator": operator,
                "right": right,
                "importance": importance,
                "message": message,
                "message_en": message_en,
            },
        )
        _count(report, created, ValidationRule._meta.label)
    for code, kind, name, name_en, parameters in COMMENDATION_RULES:
        _c, created = CommendationRule.objects.get_or_create(
            code=code,
            defaults={"kind": kind, "name": name, "name_en": name_en, "parameters": parameters},
        )
        _count(report, created, CommendationRule._meta.label)


def ensure_mechanism(*, actor: Any, report: LoadReport) -> None:
    """Add what is missing (idempotent)."""
    ensure_indicators(report)
    ensure_formulas(report)
    ensure_rules(report)
