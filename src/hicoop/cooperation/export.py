"""Spreadsheet columns and rows of the cooperation lists (items, key tasks, pairings).

Coded values are written as the label in the reader's language followed by the code in a column
of its own ("合作模式" + "合作模式代码"), as every list export does (ADR 0051).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from hicoop.cooperation.models import CooperationItem, KeyTask, Pairing
from hicoop.core.export import Column

ITEM_COLUMNS = [
    Column("编号", "number"),
    Column("合作事项", "title"),
    Column("措施", "measure"),
    Column("合作模式", "mode"),
    Column("合作模式代码", "mode_code"),
    Column("领域", "fields"),
    Column("领域代码", "fields_code"),
    Column("海南方", "Hainan side"),
    Column("合作方", "partner side"),
    Column("来源", "origin"),
    Column("来源代码", "origin_code"),
    Column("对口帮扶", "pairing"),
    Column("起始年度", "start year"),
    Column("状态", "status"),
    Column("状态代码", "status_code"),
    Column("进度%", "progress %"),
    Column("指标（目标/完成）", "indicators (target/actual)"),
    Column("里程碑（完成/总数）", "milestones (done/total)"),
    Column("内容版本", "content version"),
    Column("海南方负责人", "Hainan lead"),
    Column("合作方负责人", "partner lead"),
]

TASK_COLUMNS = [
    Column("序号", "number"),
    Column("重点任务", "title"),
    Column("对口司局", "MOST department"),
    Column("海南支持单位", "supporting Hainan units"),
    Column("完成时限", "deadline"),
    Column("状态", "status"),
    Column("状态代码", "status_code"),
    Column("进度%", "progress %"),
]

PAIRING_COLUMNS = [
    Column("对口帮扶", "pairing"),
    Column("海南园区", "Hainan parks"),
    Column("帮扶方", "helping parties"),
    Column("领域", "fields"),
    Column("领域代码", "fields_code"),
    Column("共建平台", "co-built platforms"),
    Column("活动数", "activities"),
    Column("赴琼青年人才", "young talents to Hainan"),
    Column("成果数", "results"),
    Column("合作事项数", "items"),
]


def _percent(value: float) -> float:
    return round(value * 100, 1)


def item_rows(items: Iterable[CooperationItem]) -> Iterator[list[Any]]:
    for item in items:
        indicators = [
            f"{i.name} {i.target.normalize():f}/{i.actual.normalize():f}{i.unit}"
            for i in item.indicators.all()
        ]
        milestones = list(item.milestones.all())
        yield [
            item.number,
            item.title,
            item.measure.number,
            item.get_mode_display(),
            item.mode,
            [f.display_name for f in item.fields.all()],
            [f.code for f in item.fields.all()],
            [p.name for p in item.hainan_parties],
            [p.name for p in item.partner_parties],
            item.get_origin_display(),
            item.origin,
            item.pairing.title if item.pairing is not None else "",
            item.year,
            item.get_status_display(),
            item.status,
            _percent(item.progress),
            indicators,
            f"{sum(1 for m in milestones if m.done_on)}/{len(milestones)}",
            item.version,
            item.hainan_lead,
            item.partner_lead,
        ]


def task_rows(tasks: Iterable[KeyTask]) -> Iterator[list[Any]]:
    for task in tasks:
        yield [
            task.number,
            task.title,
            task.department.name,
            [p.name for p in task.supporting_units.all()],
            task.deadline.isoformat() if task.deadline else "",
            task.get_status_display(),
            task.status,
            _percent(task.progress),
        ]


def pairing_rows(pairings: Iterable[Pairing]) -> Iterator[list[Any]]:
    for pairing in pairings:
        activities = list(pairing.activities.all())
        yield [
            pairing.title,
            [p.name for p in pairing.hainan_parks.all()],
            [p.name for p in pairing.helpers.all()],
            [f.display_name for f in pairing.fields.all()],
            [f.code for f in pairing.fields.all()],
            [p.name for p in pairing.platforms.all()],
            len(activities),
            sum(a.talents for a in activities),
            pairing.results.count(),
            pairing.items.count(),
        ]
