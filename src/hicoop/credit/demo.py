"""Demo ledger (演示数据): employers and foreign workers in every grade, an overturned and a
repaired event, serious cases on the public list, and a D-grade employer that is a partner in
the demo's point-to-point match run — a second run of that demand leaves it out with the reason.

Everything goes through the services, as the joint office (``office``); names carry 演示数据.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from hicoop.credit import services
from hicoop.credit.models import Subject
from hicoop.parties import uscc
from hicoop.parties.models import Party

TODAY = dt.date(2026, 11, 24)
MARK = "（演示数据）"


def _code(first17: str) -> str:
    return first17 + uscc.check_character(first17)


# key, name, first 17 USCC characters, events (kind, occurred on, description)
EMPLOYERS: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "a",
        "海南椰风国际教育咨询有限公司",
        "91460100MA5CRD0A0",
        (("commendation", "2026-03-15", "外籍人才服务工作获省级通报表扬"),),
    ),
    (
        "b",
        "三亚蓝湾潜水旅游有限公司",
        "91460200MA5CRD0B0",
        (("late-report", "2026-08-02", "外籍教练住址变更逾期12天报告"),),
    ),
    (
        "c",
        "儋州港湾船舶服务有限公司",
        "91460400MA5CRD0C0",
        (
            ("unreported-departure", "2026-05-20", "外籍轮机工程师离职后未在10日内报告"),
            ("late-report", "2026-09-01", "工作许可变更事项逾期报告"),
        ),
    ),
)
# name, permit number, nationality, birth date, employer key, events
WORKERS: tuple[tuple[str, str, str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "Olivia BROWN",
        "DEMO2026000001",
        "英国",
        "1988-04-02",
        "a",
        (("major-contribution", "2026-06-30", "主持国际课程合作项目落地海南"),),
    ),
    (
        "Kenji TANAKA",
        "DEMO2026000002",
        "日本",
        "1979-11-23",
        "b",
        (("late-report", "2026-07-10", "住址变更逾期报告"),),
    ),
    (
        "Lucas MÜLLER",
        "DEMO2026000003",
        "德国",
        "1991-01-17",
        "c",
        (("outside-permit", "2026-04-12", "在许可岗位以外兼职从事培训工作"),),
    ),
    (
        "Ivan PETROV",
        "DEMO2026000004",
        "俄罗斯",
        "1983-07-08",
        "c",
        (("false-information", "2026-02-05", "申请工作许可时提交虚假学历证明"),),
    ),
)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "%PDF-1.4\n% demo evidence (演示数据)\n".encode())


def _record(subject: Subject, kind: str, day: str, text: str, office: Any) -> Any:
    return services.record_event(
        subject=subject,
        kind_code=kind,
        occurred_on=dt.date.fromisoformat(day),
        description=f"{text}{MARK}",
        evidence=[_pdf(f"{kind}.pdf")],
        actor=office,
        on=TODAY,
    )


def _partner_for_d_grade() -> tuple[Party, Any] | None:
    """A partner of the demo point-to-point run with a credit code that the later demos (the
    meeting's delegates) do not invite: not in a cooperation item and not among the first
    thirty demo units."""
    from hicoop.matchmaking.choices import RunMode
    from hicoop.matchmaking.models import MatchRun

    run = MatchRun.objects.filter(mode=RunMode.POINT_TO_POINT).order_by("pk").first()
    if run is None or run.demand is None:
        return None
    first_units = set(
        Party.objects.filter(external_id__startswith="demo-")
        .order_by("external_id")
        .values_list("pk", flat=True)[:30]
    )
    for candidate in run.candidates.select_related("partner").order_by("rank"):
        party = candidate.partner
        if (
            party.credit_code
            and party.pk not in first_units
            and not party.item_sides.exists()
            and not party.memberships.exists()
            and not Subject.objects.filter(party=party).exists()
        ):
            return party, run.demand
    return None


def _d_grade_partner(office: Any) -> int:
    found = _partner_for_d_grade()
    if found is None:
        return 0
    party, demand = found
    subject = services.register_subject(
        data={"kind": "employer", "identifier": party.credit_code, "name": party.name},
        actor=office,
        demo=True,
    )
    _record(subject, "illegal-employment", "2026-10-15", "聘用未取得工作许可的外籍技术人员", office)
    from hicoop.matchmaking.services import run_point_to_point

    run_point_to_point(demand=demand, actor=None, on=TODAY, k=10)
    return 1


def ensure_demo(*, actor: Any) -> dict[str, int]:
    users = get_user_model().objects
    if Subject.objects.filter(demo=True).exists() or not users.filter(username="office").exists():
        return {"credit subjects": 0}
    office = users.get(username="office")
    made: dict[str, Subject] = {}
    with transaction.atomic():
        for key, name, first17, events in EMPLOYERS:
            made[key] = services.register_subject(
                data={"kind": "employer", "identifier": _code(first17), "name": f"{name}{MARK}"},
                actor=office,
                demo=True,
            )
            for kind, day, text in events:
                _record(made[key], kind, day, text, office)
        for name, permit, nationality, birth, employer, events in WORKERS:
            worker = services.register_subject(
                data={
                    "kind": "worker",
                    "identifier": permit,
                    "name": f"{name}{MARK}",
                    "nationality": nationality,
                    "birth_date": birth,
                    "employer": made[employer],
                },
                actor=office,
                demo=True,
            )
            for kind, day, text in events:
                _record(worker, kind, day, text, office)
        _objection_and_repair(made["b"], office)
    with transaction.atomic():
        partner = _d_grade_partner(office)
    return {"credit subjects": len(made) + len(WORKERS) + partner}


def _objection_and_repair(employer: Subject, office: Any) -> None:
    """An overturned event (objection upheld) and a repaired one, both kept in history."""
    wrong = _record(employer, "unreported-departure", "2026-10-08", "外籍员工离职未报告", office)
    objection = services.submit_objection(
        event=wrong, reason=f"该员工系调岗而非离职，已按时报告{MARK}", actor=office, on=TODAY
    )
    services.decide_objection(
        objection=objection, action="review", reason="", actor=office, on=TODAY
    )
    services.decide_objection(
        objection=objection,
        action="uphold",
        reason=f"核实调岗材料属实{MARK}",
        actor=office,
        on=TODAY,
    )
    old = _record(employer, "late-report", "2025-12-01", "年度报告逾期提交", office)
    repair = services.apply_repair(
        event=old,
        corrective_action=f"已补报并建立外籍员工事项台账{MARK}",
        evidence=[_pdf("repair.pdf")],
        actor=office,
        on=TODAY,
    )
    services.decide_repair(
        repair=repair, action="approve", reason=f"整改到位{MARK}", actor=office, on=TODAY
    )
