"""Credit counts in the higher apps: the annual meeting's 1:1 matchmaking refuses a D-grade
employer's delegate unless the joint office overrides; the pre-check label; listings review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hicoop.core.testing import user
from hicoop.credit import gates, services
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingKind, ListingStatus
from hicoop.meetings.gates import InvitationRefused
from hicoop.meetings.services import invite_delegate
from hicoop.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db
OCEAN = "12310000MB2DEM001B"
TODAY = dt.date(2026, 11, 29)


def _employer(kind_code: str) -> Any:
    office = user("office")
    employer = services.register_subject(
        data={"kind": "employer", "identifier": OCEAN, "name": "上海深蓝海洋工程研究所（示例）"},
        actor=office,
    )
    services.record_event(
        subject=employer,
        kind_code=kind_code,
        occurred_on=dt.date(2026, 10, 1),
        description="测试记录",
        evidence=[SimpleUploadedFile("e.pdf", b"%PDF-1.4\n")],
        actor=office,
        on=TODAY,
    )
    employer.refresh_from_db()
    return employer


def test_d_grade_employer_needs_the_offices_override_for_matchmaking() -> None:
    employer = _employer("illegal-employment")
    assert employer.grade == "D"
    meeting = make_meeting()
    data = {"party": "demo-unit-shanghai-ocean", "name": "李申"}
    with pytest.raises(InvitationRefused) as refused:
        invite_delegate(meeting=meeting, data=data, actor=user("office"))
    assert "D" in str(refused.value.message)
    delegate = invite_delegate(
        meeting=meeting, data=data, actor=user("office"), override_reason="整改中，同意参会"
    )
    assert "D" in delegate.gate_refusal and delegate.override_reason == "整改中，同意参会"
    assert gates.employer_grade_label(OCEAN).startswith("信用等级 D")
    assert gates.employer_grade_label("91460000MA5T00000X") is None


def test_c_grade_sends_published_listings_back_to_review() -> None:
    capability = listings.create_listing(
        kind=ListingKind.CAPABILITY,
        data={
            "owner": "demo-unit-shanghai-ocean",
            "title": "深海装备测试服务",
            "description": "深海装备测试服务（测试）",
            "fields": ["deep-sea"],
        },
        actor=None,
    )
    listings.transition_listing(listing=capability, action="submit", actor=None)
    listings.transition_listing(listing=capability, action="publish", actor=user("office"))
    employer = _employer("unreported-departure")
    services.record_event(
        subject=employer,
        kind_code="late-report",
        occurred_on=dt.date(2026, 10, 2),
        description="逾期报告",
        actor=user("office"),
        on=TODAY,
    )
    employer.refresh_from_db()
    capability.refresh_from_db()
    assert employer.grade == "C" and capability.status == ListingStatus.SUBMITTED
