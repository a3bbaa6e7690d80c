"""Issue 14's Done-means, end to end through the services, pages, API and CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.models import Job, Notification
from hicoop.core.testing import api_client, user
from hicoop.talent.models import ListVersion, Permit, PersonalDataRead
from hicoop.talent.services import lists, permits
from hicoop.talent.tests.conftest import BAD_USCC, entry, permit_data

pytestmark = pytest.mark.django_db

EFFECTIVE = dt.date(2027, 1, 1)


def draft_with_group_restriction(officer: Any, published: ListVersion) -> ListVersion:
    draft = lists.create_version(
        data={"number": "T2027", "title": "测试清单2027（演示数据）", "effective_from": EFFECTIVE},
        actor=officer,
        copy_from=published,
    )
    lists.add_entry(
        version=draft,
        data=entry(
            "T-03", "723", conditions=["由境内律师事务所聘用"], legal_reference="演示依据 第三条"
        ),
        actor=officer,
    )
    return draft


def check(client: Any, on: str) -> dict[str, Any]:
    body = {"industry": "723", "occupation": "2-07", "position_kind": "legal", "on": on}
    response = client.post("/api/v1/talent/check/", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


class TestDoneMeans:
    def test_draft_preview_publish_notify_and_dated_answers(
        self, officer: Any, published: ListVersion, permit: Permit
    ) -> None:
        # Given an officer's draft that restricts industry group 723 (法律服务)
        draft = draft_with_group_restriction(officer, published)
        # When the impact preview runs as a job
        client = Client()
        client.force_login(officer)
        response = client.post(f"/talent/versions/{draft.pk}/impact/")
        job = Job.objects.filter(kind="talent.impact_preview").latest("pk")
        assert response.status_code == 302 and job.status == "succeeded", job.error
        # Then it names the permit, grouped by employer and industry
        assert [p["number"] for p in job.result["permits"]] == ["HN-T-0001"]
        assert job.result["by_employer"][0]["uscc"] == permit.employer_uscc
        assert job.result["by_industry"][0] == {
            "code": "723",
            "name": "法律服务",
            "permits": 1,
            "prechecks": 0,
        }
        page = client.get(f"/talent/versions/{draft.pk}/impact/")
        assert "HN-T-0001" in page.content.decode()
        # When it is published (a reason is required)
        lists.take_action(version=draft, action="submit", actor=officer)
        with pytest.raises(ValidationFailed) as no_reason:
            lists.take_action(version=draft, action="publish", actor=officer, reason=" ")
        assert "reason" in no_reason.value.details
        lists.publish(version=draft, actor=officer, reason="推进会决定收紧法律服务岗位")
        # Then the employer's members are told and the old version ends the day before
        member = user("unit-haikou")
        notices = Notification.objects.filter(recipient=member, kind="talent.list_affects_you")
        assert notices.count() == 1
        published.refresh_from_db()
        assert (published.status, published.effective_to) == ("superseded", EFFECTIVE)
        # And the checker answers differently before and after the effective date, with traces
        api = api_client("unit-shanghai")
        before, after = check(api, "2026-12-31"), check(api, "2027-01-01")
        assert before["decision"] == "not_listed"
        assert before["trace"]["version"]["number"] == "T2025"
        assert after["decision"] == "restricted"
        assert after["trace"]["version"]["number"] == "T2027"
        assert after["trace"]["deciding"]["code"] == "T-03"
        assert after["trace"]["legal_reference"] == "演示依据 第三条"
        assert after["trace"]["conditions"] == ["由境内律师事务所聘用"]
        assert {e["code"] for e in after["trace"]["examined"]} == {"T-01", "T-02", "T-03"}
        # And the CLI gives the same answer and trace
        out = io.StringIO()
        call_command(
            "talent",
            "check",
            "--industry",
            "723",
            "--occupation",
            "2-07",
            "--position-kind",
            "legal",
            "--on",
            "2027-01-01",
            "--json",
            stdout=out,
        )
        cli = json.loads(out.getvalue())
        assert cli["decision"] == after["decision"]
        assert cli["trace"]["deciding"] == after["trace"]["deciding"]
        # And the UI too
        ui = Client()
        ui.force_login(user("unit-shanghai"))
        html = ui.post(
            "/talent/check/",
            {"industry": "723", "occupation": "2-07", "position_kind": "legal", "on": "2027-01-01"},
        ).content.decode()
        assert "T-03" in html and "演示依据 第三条" in html

    def test_a_published_version_is_frozen(self, officer: Any, published: ListVersion) -> None:
        with pytest.raises(Exception) as caught:
            lists.add_entry(version=published, data=entry("T-09", "65"), actor=officer)
        assert getattr(caught.value, "code", "") == "version_frozen"

    def test_unit_member_sees_masked_numbers_officer_unmasked_and_audited(
        self, permit: Permit
    ) -> None:
        # Given a permit of the Haikou demo unit; a unit member of another party reads it
        other = Client()
        other.force_login(user("unit-shanghai"))
        html = other.get(f"/talent/permits/{permit.pk}/").content.decode()
        assert "HN-T-0001" not in html and "Anna Müller" not in html and "C01X00T47" not in html
        assert PersonalDataRead.objects.count() == 0
        # When a foreign-talent officer reads it with a purpose
        office = Client()
        office.force_login(user("talent-officer"))
        html = office.get(f"/talent/permits/{permit.pk}/?purpose=核查").content.decode()
        # Then everything is shown and one audit row names who, which record and why
        assert "HN-T-0001" in html and "Anna Müller" in html and "1985-03-12" in html
        read = PersonalDataRead.objects.get()
        assert (read.reader_name, read.permit_id, read.purpose, read.channel) == (
            "talent-officer",
            permit.pk,
            "核查",
            "page",
        )

    def test_import_with_one_bad_uscc_writes_nothing_and_names_the_row(
        self, officer: Any, legal_group: Any
    ) -> None:
        header = [
            "许可证号",
            "姓名",
            "国籍",
            "护照号",
            "出生日期",
            "用人单位统一社会信用代码",
            "用人单位",
            "岗位",
            "岗位类别",
            "行业代码",
            "职业代码",
            "类别",
            "有效期起",
            "有效期止",
        ]
        good = list(permit_data("HN-I-1").values())
        bad = list(permit_data("HN-I-2", uscc=BAD_USCC).values())
        with pytest.raises(ValidationFailed) as caught:
            permits.import_permits(rows=[header, good, bad], actor=officer)
        rows = caught.value.details["rows"]
        assert rows == [
            {"row": 3, "column": "用人单位统一社会信用代码", "message": rows[0]["message"]}
        ]
        assert Permit.objects.filter(number__startswith="HN-I-").count() == 0
        created = permits.import_permits(rows=[header, good], actor=officer)
        assert [p.number for p in created] == ["HN-I-1"]


class TestAuditLogKeepsNoPersonalData:
    def test_the_general_audit_log_masks_personal_fields(self, permit: Permit) -> None:
        from hicoop.core.audit import history_for

        changes = history_for(permit).get().changes
        assert changes["holder_name"] == ["", "＊"] and changes["passport_number"] == ["", "＊"]
        assert changes["number"] == [None, "HN-T-0001"]


class TestEntryCitesThePolicyCatalogue:
    def test_trace_links_the_cited_policy(self, officer: Any, published: ListVersion) -> None:
        from hicoop.policies.tests.conftest import make_policy

        policy = make_policy()
        draft = lists.create_version(
            data={"number": "P1", "title": "引用测试（演示数据）", "effective_from": "2026-01-01"},
            actor=officer,
            copy_from=published,
        )
        lists.add_entry(version=draft, data=entry("T-08", "65", policy=policy.pk), actor=officer)
        with pytest.raises(ValidationFailed):
            lists.add_entry(version=draft, data=entry("T-09", "64", policy=10**9), actor=officer)
        lists.take_action(version=draft, action="submit", actor=officer)
        lists.publish(version=draft, actor=officer, reason="引用政策目录")
        body = {"industry": "65", "on": "2026-02-01"}
        trace = (
            api_client("unit-shanghai")
            .post("/api/v1/talent/check/", body, format="json")
            .json()["trace"]
        )
        assert trace["policy"]["id"] == policy.pk
        html = Client()
        html.force_login(user("talent-officer"))
        assert policy.title in html.get(f"/talent/versions/{draft.pk}/").content.decode()
