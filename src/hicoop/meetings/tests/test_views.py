"""Pages, exports, the API and the command line of the meetings domain."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hicoop.cooperation.tests.factories import make_item
from hicoop.core.testing import api_client, user
from hicoop.meetings import services
from hicoop.meetings.tests.factories import TODAY, accepted, invite, make_meeting, slots

pytestmark = pytest.mark.django_db


def client(name: str) -> Client:
    found = Client()
    found.force_login(user(name))
    return found


class TestPages:
    def test_list_shows_meetings_to_members_in_constant_queries(self) -> None:
        make_meeting()
        page = client("unit-haikou")
        with CaptureQueriesContext(connection) as one:
            assert (
                "2026年海南开放创新合作机制推进会"
                in page.get(reverse("meetings:list")).content.decode()
            )
        for n in range(5):
            make_meeting(title=f"专题会议{n}", kind="extra")
        with CaptureQueriesContext(connection) as six:
            body = page.get(reverse("meetings:list") + "?kind=extra").content.decode()
        assert "专题会议4" in body and "2026年海南" not in body
        assert len(six) == len(one)
        assert Client().get(reverse("meetings:list")).status_code == 302

    def test_meeting_form_keeps_what_was_typed_on_error(self) -> None:
        response = client("office").post(
            reverse("meetings:create"),
            {
                "kind": "promotion",
                "year": "2026",
                "title": "推进会（草稿）",
                "starts_on": "2026-12-10",
                "ends_on": "2026-12-01",
            },
        )
        body = response.content.decode()
        assert response.status_code == 200 and "推进会（草稿）" in body and 'class="error"' in body

    def test_detail_agenda_and_sessions_pages(self) -> None:
        meeting = make_meeting()
        invite(meeting, "demo-unit-haikou-bio", "王海", "unit-haikou")
        for name in ("detail", "agenda", "sessions", "decisions"):
            response = client("unit-haikou").get(reverse(f"meetings:{name}", args=[meeting.pk]))
            assert response.status_code == 200, name
            assert "王海" in response.content.decode() or name != "detail"

    def test_agenda_generated_finalised_and_exported_as_docx(self) -> None:
        make_item(status_path=("agree", "start"))  # its milestones are overdue on TODAY
        meeting = make_meeting()
        office = client("office")
        office.post(reverse("meetings:agenda-op", args=[meeting.pk, "generate"]))
        page = office.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
        assert "深远海养殖装备联合研制" in page
        assert (
            client("unit-haikou")
            .get(reverse("meetings:agenda-export", args=[meeting.pk, "docx"]))
            .status_code
            == 404
        )
        office.post(reverse("meetings:agenda-op", args=[meeting.pk, "finalize"]))
        response = office.get(reverse("meetings:agenda-export", args=[meeting.pk, "docx"]))
        assert response.status_code == 200 and response.content[:2] == b"PK"
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert "深远海养殖装备联合研制" in text

    def test_agenda_pdf(self) -> None:
        pytest.importorskip(
            "weasyprint", reason="WeasyPrint (and Debian's pango) is needed for PDFs"
        )
        meeting = make_meeting()
        services.add_entry(meeting=meeting, data={"title": "工作报告"}, actor=user("office"))
        services.finalize_agenda(meeting=meeting, actor=user("office"))
        response = client("unit-haikou").get(
            reverse("meetings:agenda-export", args=[meeting.pk, "pdf"])
        )
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def test_personal_schedule_page_and_calendar(self) -> None:
        meeting = make_meeting()
        a = invite(meeting, "demo-unit-haikou-bio", "王海", "unit-haikou")
        b = invite(meeting, "demo-unit-shanghai-ocean", "李申", "unit-shanghai")
        slots(meeting, count=2)
        accepted(meeting, a, b)
        services.start_schedule(meeting=meeting, actor=user("office"), seconds=5)
        mine = client("unit-haikou")
        page = mine.get(
            reverse("meetings:my-schedule", args=[meeting.pk]), follow=True
        ).content.decode()
        assert "李申" in page and 'id="personal-schedule"' in page
        ics = mine.get(reverse("meetings:schedule-file", args=[meeting.pk, a.pk, "ics"]))
        assert b"BEGIN:VEVENT" in ics.content and "李申".encode() in ics.content

    def test_decision_form_keeps_input_and_explains_bad_json(self) -> None:
        meeting = make_meeting()
        response = client("office").post(
            reverse("meetings:decisions", args=[meeting.pk]),
            {
                "kind": "adjust_item",
                "title": "调整（草案）",
                "text": "…",
                "item": "HZ2099-9999",
                "payload": "{not json",
            },
        )
        body = response.content.decode()
        assert "调整（草案）" in body and "HZ2099-9999" in body and 'class="error"' in body

    def test_decision_page_shows_what_it_changes_with_labels_not_field_names(self) -> None:
        item = make_item(status_path=("agree", "start"))
        decision = services.record_decision(
            meeting=make_meeting(),
            actor=user("office"),
            data={
                "kind": "adjust_item",
                "title": "调整",
                "text": "…",
                "item": item.number,
                "payload": {"changes": {"goals": "两处示范。"}},
            },
        )
        page = (
            client("unit-haikou")
            .get(reverse("meetings:decision", args=[decision.pk]))
            .content.decode()
        )
        assert "两处示范。" in page and "目标" in page and '"changes"' not in page


class TestApi:
    def test_list_propose_and_errors_have_the_common_shape(self) -> None:
        meeting = make_meeting()
        unit = api_client("unit-haikou")
        assert unit.get("/api/v1/meetings/").json()["count"] == 1
        created = unit.post(
            f"/api/v1/meetings/{meeting.pk}/topics/",
            {"party": "demo-unit-haikou-bio", "title": "南药议题"},
            format="json",
        )
        assert created.status_code == 201 and created.json()["status_label"]
        bad = unit.post(
            f"/api/v1/meetings/{meeting.pk}/topics/",
            {"party": "demo-unit-haikou-bio", "title": "x" * 201},
            format="json",
        )
        assert bad.status_code == 400 and set(bad.json()) == {"code", "message", "details"}
        assert api_client().get("/api/v1/meetings/").status_code in (401, 403)

    def test_schedule_answers_202_with_the_job(self) -> None:
        meeting = make_meeting()
        slots(meeting)
        response = api_client("office").post(
            f"/api/v1/meetings/{meeting.pk}/schedule/", {"seconds": 3}, format="json"
        )
        assert response.status_code == 202 and response["Location"].startswith("/api/v1/jobs/")
        assert (
            api_client("unit-haikou")
            .post(f"/api/v1/meetings/{meeting.pk}/schedule/", {}, format="json")
            .status_code
            == 403
        )

    def test_executing_out_of_scope_is_a_clear_403(self) -> None:
        item = make_item(status_path=("agree", "start"))
        decision = services.record_decision(
            meeting=make_meeting(),
            actor=user("office"),
            data={"kind": "suspend_item", "title": "暂停", "text": "…", "item": item.number},
        )
        response = api_client("hunan").post(
            f"/api/v1/meeting-decisions/{decision.pk}/execute/", {}, format="json"
        )
        assert response.status_code == 403 and item.number in response.json()["message"]


class TestCommand:
    def test_agenda_and_schedule_from_the_command_line(self, tmp_path: Any) -> None:
        meeting = make_meeting()
        a = invite(meeting, "demo-unit-haikou-bio", "王海")
        b = invite(meeting, "demo-unit-shanghai-ocean", "李申")
        slots(meeting)
        accepted(meeting, a, b)
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "meetings", "schedule", str(meeting.pk), "--seconds", "3", stdout=out, stderr=err
        )
        assert '"placed": 1' in out.getvalue()
        with pytest.raises(CommandError, match="only the final agenda"):
            call_command(
                "meetings", "agenda", str(meeting.pk), "--export", str(tmp_path / "a.docx")
            )
        with pytest.raises(CommandError):
            call_command("meetings", "agenda", str(meeting.pk), "--generate", "--user", "hunan")
        assert TODAY.year == 2026
