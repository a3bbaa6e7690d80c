"""Reference data of credit supervision at every install: the event catalogue (version 1) and
the grade scale (version 1). A changed entry here becomes a new catalogue version effective
from ``EFFECTIVE``; recorded events keep the version they were recorded under.

The points, periods and legal bases are the platform's working defaults for the joint office to
revise (ADR 0028), not a published government schedule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hicoop.core.loading import LoadReport
from hicoop.credit.choices import AppliesTo, Severity
from hicoop.credit.models import EventKind, GradeScale

EFFECTIVE = dt.date(2025, 1, 1)
DOST = "海南省科学技术厅（外国人来华工作管理）"
IMMIGRATION = "海南省公安厅出入境管理局"
EXIT_ENTRY_LAW = "《中华人民共和国出境入境管理法》"

# code, name, English, applies to, points, severity, evidence, authority, days, clean days,
# repairable, serious dishonesty, legal basis
CATALOGUE: tuple[tuple[Any, ...], ...] = (
    (
        "outside-permit",
        "超出工作许可范围工作",
        "Working outside the permitted position or employer",
        AppliesTo.WORKER,
        -20,
        Severity.SERIOUS,
        True,
        DOST,
        730,
        365,
        True,
        False,
        f"{EXIT_ENTRY_LAW}第四十一条、第四十三条",
    ),
    (
        "late-report",
        "未按规定报告变更事项",
        "Late or missing report of a change",
        AppliesTo.BOTH,
        -5,
        Severity.MINOR,
        False,
        DOST,
        365,
        90,
        True,
        False,
        "《外国人在中国就业管理规定》第二十四条",
    ),
    (
        "unreported-departure",
        "未按规定报告外国人离职",
        "Departure of a foreign worker not reported",
        AppliesTo.EMPLOYER,
        -15,
        Severity.MODERATE,
        True,
        DOST,
        730,
        180,
        True,
        False,
        "《外国人在中国就业管理规定》第二十四条",
    ),
    (
        "false-information",
        "提供虚假材料骗取工作许可",
        "False information to obtain a work permit",
        AppliesTo.BOTH,
        -40,
        Severity.SERIOUS,
        True,
        DOST,
        1095,
        730,
        False,
        True,
        f"{EXIT_ENTRY_LAW}第四十三条、第八十条",
    ),
    (
        "overstay",
        "非法居留",
        "Overstaying",
        AppliesTo.WORKER,
        -30,
        Severity.SERIOUS,
        True,
        IMMIGRATION,
        1095,
        365,
        True,
        True,
        f"{EXIT_ENTRY_LAW}第七十八条",
    ),
    (
        "illegal-employment",
        "非法聘用外国人",
        "Illegal employment of foreigners",
        AppliesTo.EMPLOYER,
        -40,
        Severity.SERIOUS,
        True,
        IMMIGRATION,
        1095,
        365,
        True,
        True,
        f"{EXIT_ENTRY_LAW}第四十三条、第八十条",
    ),
    (
        "commendation",
        "获得表彰奖励",
        "Commendation",
        AppliesTo.BOTH,
        10,
        Severity.POSITIVE,
        True,
        DOST,
        730,
        0,
        False,
        False,
        "",
    ),
    (
        "major-contribution",
        "作出重大贡献",
        "Major contribution",
        AppliesTo.BOTH,
        20,
        Severity.POSITIVE,
        True,
        DOST,
        1095,
        0,
        False,
        False,
        "",
    ),
)
FIELDS = (
    "name",
    "name_en",
    "applies_to",
    "points",
    "severity",
    "evidence_required",
    "authority",
    "validity_days",
    "clean_days",
    "repairable",
    "serious_dishonesty",
    "legal_basis",
)
SCALE = {"version": 1, "base": 100, "a_min": 100, "b_min": 85, "c_min": 70}


def ensure_mechanism(*, actor: Any, report: LoadReport) -> None:
    from hicoop.credit.services import ensure_kind, ensure_scale

    for row in CATALOGUE:
        code, values = row[0], dict(zip(FIELDS, row[1:], strict=True))
        before = EventKind.objects.filter(code=code).count()
        ensure_kind(code=code, values=values, effective_from=EFFECTIVE)
        after = EventKind.objects.filter(code=code).count()
        report.count(report.created if after > before else report.unchanged, "credit.EventKind")
    existed = GradeScale.objects.filter(version=SCALE["version"]).exists()
    ensure_scale(
        effective_from=EFFECTIVE, note="海南自由贸易港外国人信用分级（平台默认，可修订）", **SCALE
    )
    report.count(report.unchanged if existed else report.created, "credit.GradeScale")
