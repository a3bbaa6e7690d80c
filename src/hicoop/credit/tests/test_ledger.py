"""The ledger through the services: subjects, events with evidence, objections, repair, expiry,
and the issue's Done-means end to end (with a match run)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hicoop.core.attachments import attachments_of
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.core.workflow import events_of
from hicoop.credit import scoring, screening, services
from hicoop.credit.choices import EventStatus
from hicoop.credit.models import Subject
from hicoop.credit.tests.conftest import TODAY, pdf

pytestmark = pytest.mark.django_db
D = dt.date


def test_employer_is_linked_to_its_party_and_bad_codes_are_refused(
    employer: Any, office: Any
) -> None:
    assert employer.party is not None and employer.party.credit_code == employer.identifier
    assert employer.grade == "A" and employer.score == 100
    with pytest.raises(ValidationFailed) as bad:
        services.register_subject(
            data={"kind": "employer", "identifier": "91460000XXXXXXXXX1", "name": "x"}, actor=office
        )
    assert "identifier" in bad.value.details
    with pytest.raises(PermissionDenied):
        services.register_subject(
            data={"kind": "employer", "identifier": "91460100MA5TDEM01M", "name": "y"},
            actor=user("unit-haikou"),
        )


def test_event_needs_evidence_and_counts_until_it_expires(worker: Any, office: Any) -> None:
    with pytest.raises(ValidationFailed) as missing:
        services.record_event(
            subject=worker,
            kind_code="outside-permit",
            occurred_on=D(2026, 3, 1),
            description="在许可岗位以外从事工作",
            actor=office,
            on=TODAY,
        )
    assert "evidence" in missing.value.details
    event = services.record_event(
        subject=worker,
        kind_code="outside-permit",
        occurred_on=D(2026, 3, 1),
        description="在许可岗位以外从事工作",
        actor=office,
        evidence=[pdf()],
        on=TODAY,
    )
    assert attachments_of(event).count() == 1
    worker.refresh_from_db()
    assert (worker.score, worker.grade) == (80, "C")
    # The expiry job on the day the period ends
    counts = services.expire_due(actor=office, on=event.expires_on)
    event.refresh_from_db()
    worker.refresh_from_db()
    assert counts["expired"] == 1 and event.status == EventStatus.EXPIRED
    assert (worker.score, worker.grade) == (100, "A")
    # It stays in history: the day before it still counted
    assert scoring.result(worker, event.expires_on - dt.timedelta(days=1)).score == 80
    assert [e.action for e in events_of(event)] == ["expire"]


def test_repair_only_after_the_clean_period(worker: Any, office: Any) -> None:
    event = services.record_event(
        subject=worker,
        kind_code="late-report",
        occurred_on=D(2026, 6, 1),
        description="逾期报告住址变更",
        actor=office,
        on=TODAY,
    )
    with pytest.raises(Conflict):
        services.apply_repair(
            event=event,
            corrective_action="已补报",
            evidence=[pdf()],
            actor=office,
            on=D(2026, 7, 1),
        )
    repair = services.apply_repair(
        event=event, corrective_action="已补报并参加培训", evidence=[pdf()], actor=office, on=TODAY
    )
    services.decide_repair(
        repair=repair, action="approve", reason="整改到位", actor=office, on=TODAY
    )
    event.refresh_from_db()
    worker.refresh_from_db()
    assert event.status == EventStatus.REPAIRED and event.void_from == TODAY
    assert worker.score == 100
    found, lines = scoring.explain(worker, TODAY)
    assert lines[0].line.state == "repaired" and found.adds_up


def test_screening_finds_near_names_in_both_scripts(worker: Any) -> None:
    near = screening.screen(kind="worker", name="John Smith", birth_date=D(1985, 3, 14))
    assert near and near[0].subject == worker and len(near[0].reasons) == 2
    assert screening.similarity("上海深蓝海洋工程研究所", "上海深蓝海洋工程研究所（示例）") > 0.82
    assert not screening.screen(kind="worker", name="Maria Garcia")


def test_scoping(worker: Any, employer: Any) -> None:
    assert set(Subject.objects.visible_to(user("unit-shanghai"))) == {worker, employer}
    assert not Subject.objects.visible_to(user("unit-haikou")).exists()
    assert not Subject.objects.visible_to(user("ministry")).exists()
    assert Subject.objects.visible_to(user("office")).count() >= 2


def test_done_means_end_to_end(employer: Any, office: Any, demand: Any) -> None:
    from hicoop.matchmaking.services import run_point_to_point

    partner = employer.party
    # Given a match run that offers the employer
    first = run_point_to_point(demand=demand, actor=office, on=TODAY, k=10)
    assert first.candidates.filter(partner=partner).exists()
    # When an officer records an event with evidence
    event = services.record_event(
        subject=employer,
        kind_code="illegal-employment",
        occurred_on=D(2026, 10, 1),
        description="聘用未取得工作许可的外国人",
        actor=office,
        evidence=[pdf()],
        on=TODAY,
    )
    employer.refresh_from_db()
    assert (employer.score, employer.grade) == (60, "D")
    # Then the next match run leaves it out with the reason shown
    second = run_point_to_point(demand=demand, actor=office, on=TODAY, k=10)
    assert not second.candidates.filter(partner=partner).exists()
    left = second.summary["excluded_by_gates"]
    assert [x["partner"] for x in left] == [partner.name] and "D" in left[0]["reason"]
    # And the employer (its member) objects; the review overturns the event
    objection = services.submit_objection(
        event=event, reason="该人员已取得许可", actor=user("unit-shanghai"), on=TODAY
    )
    assert event.under_objection
    with pytest.raises(PermissionDenied):
        services.decide_objection(
            objection=objection, action="review", reason="", actor=user("unit-shanghai")
        )
    services.decide_objection(
        objection=objection, action="review", reason="", actor=office, on=TODAY
    )
    services.decide_objection(
        objection=objection, action="uphold", reason="核实许可有效", actor=office, on=TODAY
    )
    employer.refresh_from_db()
    event.refresh_from_db()
    assert (employer.grade, event.status) == ("A", EventStatus.OVERTURNED)
    third = run_point_to_point(demand=demand, actor=office, on=TODAY, k=10)
    assert third.summary["excluded_by_gates"] == []
    # Each step is in the history with actor and reason
    changes = list(employer.grade_changes.order_by("at"))
    assert [(c.grade_before, c.grade) for c in changes] == [("A", "D"), ("D", "A")]
    assert all(c.actor_name == "office" and c.reason for c in changes)
    assert [(e.action, e.actor_name) for e in events_of(objection)][::-1] == [
        ("review", "office"),
        ("uphold", "office"),
    ]
    assert events_of(event).get().reason == "核实许可有效"
    # And the explanation adds up on every date of the history
    for point in scoring.history(employer, TODAY):
        found = scoring.result(employer, point.on)
        assert found.adds_up and found.score == point.score


def test_foreign_talent_officers_keep_the_ledger(worker: Any) -> None:
    officer = user("talent-officer")
    assert Subject.objects.visible_to(officer).filter(pk=worker.pk).exists()
    event = services.record_event(
        subject=worker,
        kind_code="late-report",
        occurred_on=D(2026, 11, 1),
        description="逾期报告",
        actor=officer,
        on=TODAY,
    )
    assert event.recorded_by_name == "talent-officer"


def test_open_objections_and_repairs_wait_in_the_officers_workspace(
    worker: Any, office: Any
) -> None:
    from hicoop.core.workspace import todos_for

    event = services.record_event(
        subject=worker,
        kind_code="late-report",
        occurred_on=D(2026, 6, 1),
        description="逾期报告",
        actor=office,
        on=TODAY,
    )
    services.submit_objection(event=event, reason="已按时报告", actor=office, on=TODAY)
    mine = [t for t in todos_for(office, D(2026, 12, 31)) if "/credit/" in t.url]
    assert len(mine) == 1 and mine[0].overdue and mine[0].due == TODAY + dt.timedelta(days=15)
    assert not [t for t in todos_for(user("unit-haikou"), TODAY) if "/credit/" in t.url]


def test_the_employers_members_hear_of_a_grade_change(worker: Any, office: Any) -> None:
    from hicoop.core.models import Notification
    from hicoop.core.notifications import text_of

    services.record_event(
        subject=worker,
        kind_code="overstay",
        occurred_on=D(2026, 10, 1),
        description="逾期居留",
        evidence=[pdf()],
        actor=office,
        on=TODAY,
    )
    told = Notification.objects.filter(recipient=user("unit-shanghai"), kind="credit.grade_changed")
    assert told.count() == 1 and "A → C" in text_of(told.get())
    assert not Notification.objects.filter(recipient=office, kind="credit.grade_changed").exists()


def test_an_employers_grade_notice_names_it_in_the_readers_language(
    employer: Any, office: Any
) -> None:
    from django.utils import translation

    from hicoop.core.models import Notification
    from hicoop.core.notifications import text_of

    party = employer.party
    with translation.override("zh-hans"):  # the officer reads Chinese
        services.record_event(
            subject=employer,
            kind_code="late-report",
            occurred_on=D(2026, 10, 1),
            description="迟报",
            evidence=[pdf()],
            actor=office,
            on=TODAY,
        )
    told = Notification.objects.get(recipient=user("unit-shanghai"), kind="credit.grade_changed")
    with translation.override("en"):
        assert party.name_en and party.name_en in text_of(told)
    with translation.override("zh-hans"):
        assert party.name in text_of(told)
