"""Demo records of the meetings domain (演示数据), loaded by ``hicoop demo`` through the services.

The 2026 promotion meeting with delegates, collected and decided topics, an agenda generated
from the demo pipeline and finalised, 1:1 requests (from match runs, interests and the
participant list) scheduled by the engine with two locked meetings kept on a re-run, and minutes
whose decisions adjusted an item (its version cites 2026年推进会决定第3项), created an item,
re-targeted a key task and asked for a negative-list adjustment with a follow-up action that
waits in its owner's workspace; and the 2026 ministry–province consultation with a conclusion.
Steps the joint office takes are taken as the demo account ``office`` (the agenda sources read
what that account may see); proposals as the units' own accounts. A second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from hicoop.cooperation.models import CooperationItem
from hicoop.listings.models import Demand
from hicoop.matchmaking.models import Interest, MatchCandidate
from hicoop.meetings import services
from hicoop.meetings.jobs import schedule_now
from hicoop.meetings.models import Delegate, Meeting, MeetingRequest, SessionMeeting
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party

TITLE = "2026年海南开放创新合作机制推进会（演示数据）"
CONSULTATION = "2026年部省会商（演示数据）"
TODAY = dt.date(2026, 11, 24)
ADJUSTED_ITEM = "深远海养殖平台抗台风系泊系统示范"
ACCOUNTS = {
    "demo-unit-haikou-bio": "unit-haikou",
    "demo-unit-shanghai-ocean": "unit-shanghai",
    mechanism_key("shanghai"): "shanghai",
    mechanism_key("hunan"): "hunan",
    mechanism_key("haikou-hitech"): "haikou-park",
}
NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def ensure_demo(*, actor: Any) -> dict[str, int]:
    if (
        Meeting.objects.filter(title=TITLE).exists()
        or not get_user_model().objects.filter(username="office").exists()
    ):
        return {"meetings": 0}
    with transaction.atomic():
        meeting = _meeting()
        counts = {"meetings": 2, "delegates": _delegates(meeting), "topics": _topics(meeting)}
        _agenda(meeting)
        counts["1:1 requests"] = _requests(meeting)
    counts["scheduled 1:1 meetings"] = _schedule(meeting)
    with transaction.atomic():
        counts["decisions"] = _decisions(meeting) + _consultation()
    return counts


def _meeting() -> Meeting:
    return services.create_meeting(
        data={
            "kind": "promotion",
            "year": 2026,
            "title": TITLE,
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-11",
            "venue": "海口市（演示地点）",
            "topic_deadline": "2026-12-01",
            "organisers": ["joint-office", "most-dari", "hainan-dost"],
            "description": "年度合作机制推进会：动态调整合作内容，推进各项任务（演示数据）。",
        },
        actor=_user("office"),
    )


def _delegate_parties() -> list[Party]:
    involved = Party.objects.filter(item_sides__isnull=False).distinct()
    units = Party.objects.filter(external_id__startswith="demo-").order_by("external_id")
    chosen = {p.pk: p for p in [*involved.order_by("external_id"), *units[:30]]}
    for key in ACCOUNTS:
        party = Party.objects.filter(external_id=key).first()
        if party is not None:
            chosen[party.pk] = party
    return sorted(chosen.values(), key=lambda p: p.external_id)


def _delegates(meeting: Meeting) -> int:
    rng = random.Random(2026)
    office = _user("office")
    slots_made = _slots(meeting, office)
    made = 0
    for n, party in enumerate(_delegate_parties()):
        account = ACCOUNTS.get(party.external_id, "")
        name = f"{NAMES[n % len(NAMES)]}{'明华强伟芳磊静军'[n % 8]}（演示）"
        delegate = services.invite_delegate(
            meeting=meeting,
            data={
                "party": party.pk,
                "name": name,
                "position": "代表",
                "user": account,
                "cap": rng.randint(3, 6),
            },
            actor=office,
        )
        if n % 5 == 0:  # a few delegates leave early on the second day
            services.set_availability(
                delegate=delegate, away=[s.pk for s in slots_made[-3:]], cap="", actor=office
            )
        services.answer_invitation(delegate=delegate, attend=n % 13 != 7, actor=office)
        made += 1
    return made


def _slots(meeting: Meeting, office: Any) -> list[Any]:
    first = services.add_slots(
        meeting=meeting,
        data={"day": "2026-12-10", "start": "14:00", "count": 8, "minutes": 30, "tables": 6},
        actor=office,
    )
    second = services.add_slots(
        meeting=meeting,
        data={"day": "2026-12-11", "start": "09:00", "count": 6, "minutes": 30, "tables": 6},
        actor=office,
    )
    return [*first, *second]


def _topics(meeting: Meeting) -> int:
    rows = [
        (
            "unit-haikou",
            "demo-unit-haikou-bio",
            "南药创新药临床前研究平台共享机制",
            "建议推进会研究共享平台运营规则（演示数据）。",
        ),
        ("unit-haikou", "demo-unit-haikou-bio", "南药平台开放共享", "与上一议题相近（演示数据）。"),
        (
            "shanghai",
            "mechanism:shanghai",
            "深远海装备海试保障协同",
            "建议统筹海试窗口与保障船只（演示数据）。",
        ),
        ("hunan", "mechanism:hunan", "超级杂交稻南繁基地用地保障", "南繁用地紧张（演示数据）。"),
    ]
    made = [
        services.propose_topic(
            meeting=meeting,
            data={"party": p, "title": t, "description": d},
            actor=_user(u),
            on=TODAY,
        )
        for u, p, t, d in rows
    ]
    office = _user("office")
    services.decide_topic(topic=made[0], action="accept", actor=office, reason="纳入推进会议程")
    services.decide_topic(
        topic=made[1], action="merge", actor=office, reason="与“共享机制”议题合并", into=made[0]
    )
    services.decide_topic(topic=made[2], action="accept", actor=office)
    services.decide_topic(
        topic=made[3], action="decline", actor=office, reason="属省内事项，转海南省科技厅办理"
    )
    return len(made)


def _agenda(meeting: Meeting) -> None:
    office = _user("office")
    agenda, _added = services.generate_agenda(meeting=meeting, actor=office, on=TODAY)
    first = agenda.entries.order_by("position").first()
    if first is not None:
        services.update_entry(
            entry=first,
            data={"title": f"{first.title}（重点督办）", "body": first.body},
            actor=office,
        )
    services.add_entry(
        meeting=meeting,
        data={"title": "2027年合作重点与工作安排（演示数据）", "body": "联合办公室报告。"},
        actor=office,
    )
    services.finalize_agenda(meeting=meeting, actor=office)


def _pairs(meeting: Meeting) -> list[tuple[Delegate, Delegate, Any, Any]]:
    """Who asks whom: match candidates and interests between parties present, then the list."""
    by_party: dict[int, Delegate] = {d.party_id: d for d in meeting.delegates.order_by("pk")}
    pairs: dict[tuple[int, int], tuple[Delegate, Delegate, Any, Any]] = {}
    for c in MatchCandidate.objects.select_related("demand").order_by("run", "rank", "pk"):
        a, b = by_party.get(c.demand.owner_id), by_party.get(c.partner_id)
        if a and b and a != b:
            pairs.setdefault((a.pk, b.pk), (a, b, c, None))
    for i in Interest.objects.select_related("demand").order_by("pk"):
        a, b = by_party.get(i.demand.owner_id), by_party.get(i.partner_id)
        if a and b and a != b:
            pairs.setdefault((a.pk, b.pk), (a, b, None, i))
    rng = random.Random(20261210)
    people = list(by_party.values())
    while len(pairs) < 110:
        a, b = rng.sample(people, 2)
        if (b.pk, a.pk) not in pairs:
            pairs.setdefault((a.pk, b.pk), (a, b, None, None))
    return list(pairs.values())[:110]


def _requests(meeting: Meeting) -> int:
    office = _user("office")
    made = 0
    for n, (a, b, candidate, interest) in enumerate(_pairs(meeting)):
        if "declined" in (a.status, b.status):
            continue
        found = services.request_meeting(
            meeting=meeting,
            requester=a,
            invitee=b,
            actor=office,
            candidate=candidate,
            interest=interest,
            message="希望在推进会期间面谈（演示数据）",
        )
        made += 1
        if n % 11 == 5:
            continue  # still awaiting an answer
        reason = "" if n % 9 != 4 else "本次日程已满（演示数据）"
        services.answer_request(request=found, accept=not reason, actor=office, reason=reason)
    return made


def _schedule(meeting: Meeting) -> int:
    office = _user("office")
    schedule_now(meeting, actor=office, seconds=10)
    for placement in SessionMeeting.objects.filter(slot__meeting=meeting).order_by(
        "slot__starts_at", "table"
    )[:2]:
        services.lock_meeting(placement=placement, locked=True, actor=office)
    services.publish_schedule(meeting=meeting, actor=office)
    late = MeetingRequest.objects.filter(meeting=meeting, status="requested").order_by("pk").first()
    if late is not None:  # accepted after publishing: the re-run keeps the locks, tells those moved
        services.answer_request(request=late, accept=True, actor=office)
    schedule_now(meeting, actor=office, seconds=10)
    return SessionMeeting.objects.filter(slot__meeting=meeting).count()


def _decision_rows() -> list[dict[str, Any]]:
    """The meeting's decisions: other, create an item, adjust an item (第3项), re-target a task,
    ask for a negative-list adjustment."""
    item = CooperationItem.objects.filter(title=ADJUSTED_ITEM).first()
    partner = Party.objects.get(external_id="demo-unit-shanghai-ocean")
    demand = Demand.objects.filter(owner__external_id="demo-unit-haikou-bio").order_by("pk").first()
    rows: list[dict[str, Any]] = [
        {
            "kind": "other",
            "title": "总体要求",
            "text": "各方按年度计划推进合作事项，联合办公室按季度督办（演示数据）。",
        },
        {
            "kind": "create_item",
            "title": "新增南药海洋生物活性物质联合筛选",
            "text": "新增合作事项（演示数据）。",
            "payload": {
                "item": {
                    "title": "南药海洋生物活性物质联合筛选（演示数据）",
                    "measure": 1,
                    "mode": "point_to_point",
                    "hainan_parties": ["demo-unit-haikou-bio"],
                    "partner_parties": [partner.external_id],
                    "goals": "联合筛选海洋来源南药活性物质（演示数据）。",
                    **({"source_demand": demand.pk} if demand else {}),
                }
            },
        },
    ]
    if item is not None:
        rows.append(
            {
                "kind": "adjust_item",
                "title": "调整系泊系统示范目标",
                "text": "示范规模由一处扩大为两处（演示数据）。",
                "item": item.number,
                "payload": {
                    "changes": {
                        "goals": "在崖州湾、陵水两处海域开展抗台风系泊系统示范（演示数据）。"
                    }
                },
            }
        )
    rows += [
        {
            "kind": "retarget_task",
            "title": "调整重点任务期限",
            "text": "期限顺延半年（演示数据）。",
            "task": 9,
            "payload": {"task": {"deadline": "2027-06-30"}},
        },
        {
            "kind": "list_adjustment",
            "title": "建议调整外国人工作许可负面清单",
            "text": "请研究放宽深远海装备研发岗位限制（演示数据）。",
        },
    ]
    return rows


def _decisions(meeting: Meeting) -> int:
    office = _user("office")
    services.transition_meeting(meeting=meeting, action="hold", actor=office)
    services.record_minutes(
        meeting=meeting,
        actor=office,
        text="2026年12月10日至11日在海口召开推进会，听取联合办公室工作报告，审议合作事项调整（演示数据）。",
    )
    rows = _decision_rows()
    for row in rows:
        decision = services.record_decision(meeting=meeting, data=row, actor=office)
        if decision.kind in ("list_adjustment", "other"):
            owner = "shanghai" if decision.kind == "list_adjustment" else "haikou-park"
            services.add_action(
                meeting=meeting,
                decision=decision,
                actor=office,
                data={
                    "title": f"{decision.title}：提交书面方案（演示数据）",
                    "owner": owner,
                    "due_on": "2027-01-31",
                },
            )
        services.execute_decision(decision=decision, actor=office, on=TODAY)
    return len(rows)


def _consultation() -> int:
    office = _user("office")
    meeting = services.create_meeting(
        data={
            "kind": "consultation",
            "year": 2026,
            "title": CONSULTATION,
            "starts_on": "2026-10-15",
            "ends_on": "2026-10-15",
            "venue": "北京（演示地点）",
            "organisers": ["most", "hainan-gov"],
        },
        actor=office,
    )
    services.transition_meeting(meeting=meeting, action="hold", actor=office)
    decision = services.record_decision(
        meeting=meeting,
        actor=office,
        data={
            "kind": "other",
            "title": "合作机制实施情况纳入部省会商",
            "text": "双方每半年通报一次机制实施情况（演示数据）。",
        },
    )
    services.add_action(
        meeting=meeting,
        decision=decision,
        actor=office,
        data={
            "title": "编制机制实施情况半年通报（演示数据）",
            "owner": "ministry",
            "due_on": "2027-04-30",
        },
    )
    services.execute_decision(decision=decision, actor=office, on=TODAY)
    return 1
