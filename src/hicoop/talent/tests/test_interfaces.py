"""Pages, API, exports and the CLI per role: masking, audits, scoping and bad input."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hicoop.core.testing import api_client, user
from hicoop.talent import extensions
from hicoop.talent.models import ListVersion, Permit, PersonalDataRead, PreCheck
from hicoop.talent.tests.conftest import HAIKOU_UNIT, OTHER_FIRM

pytestmark = pytest.mark.django_db

ROLES = [
    "office",
    "ministry",
    "shanghai",
    "haikou-park",
    "unit-haikou",
    "unit-shanghai",
    "evaluator",
    "talent-officer",
]
UNMASKED = {"talent-officer", "unit-haikou"}  # officer, and a member of the holder's employer
NUMBER_MASKED = {"unit-shanghai"}  # unit member of another party


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


class TestMaskingPerRole:
    @pytest.mark.parametrize("username", ROLES)
    def test_permit_page_and_api(self, username: str, permit: Permit) -> None:
        html = client_for(username).get(f"/talent/permits/{permit.pk}/").content.decode()
        listing = client_for(username).get("/talent/permits/").content.decode()
        body = api_client(username).get(f"/api/v1/talent/permits/{permit.pk}/").json()
        api_list = api_client(username).get("/api/v1/talent/permits/").json()["results"]
        sees = username in UNMASKED
        assert ("C01X00T47" in html) is sees and ("1985-03-12" in html) is sees
        for text in (html, listing):
            assert ("Anna Müller" in text) is sees
            assert ("HN-T-0001" in text) is (username not in NUMBER_MASKED)
        for row in (body, api_list[0]):
            assert (row["holder_name"] == "Anna Müller") is sees
            assert (row["birth_date"] == "1985-03-12") is sees
            assert (row["number"] == "HN-T-0001") is (username not in NUMBER_MASKED)
        # four unmasked reads (page, list, API detail, API list) for those who see, none otherwise
        assert PersonalDataRead.objects.filter(reader__username=username).count() == (
            4 if sees else 0
        )

    @pytest.mark.parametrize("username", ROLES)
    def test_export_of_personal_data_is_for_officers_only(
        self, username: str, permit: Permit
    ) -> None:
        response = client_for(username).get("/talent/permits/export/?format=csv")
        if username == "talent-officer":
            text = response.content.decode("utf-8-sig")
            assert response.status_code == 200 and "Anna Müller" in text
            read = PersonalDataRead.objects.get(channel="export")
            assert read.reader_name == "talent-officer" and read.permit_id == permit.pk
        else:
            assert response.status_code == 302
            assert not PersonalDataRead.objects.filter(channel="export").exists()

    def test_anonymous_sees_no_permit(self, permit: Permit) -> None:
        assert Client().get("/talent/permits/").status_code == 302
        assert api_client().get("/api/v1/talent/permits/").status_code in (401, 403)


class TestPagesPerRole:
    @pytest.mark.parametrize("username", ROLES)
    def test_every_page_renders(
        self, username: str, published: ListVersion, permit: Permit
    ) -> None:
        client = client_for(username)
        for url in (
            "/talent/",
            f"/talent/versions/{published.pk}/",
            "/talent/check/",
            "/talent/prechecks/",
            "/talent/permits/",
        ):
            assert client.get(url).status_code == 200, url
        officer_only = ("/talent/versions/new/", "/talent/permits/new/", "/talent/permits/import/")
        for url in officer_only:
            assert client.get(url).status_code == (
                200 if username in {"office", "talent-officer"} else 403
            ), url

    def test_drafts_are_hidden_from_unit_members(
        self, officer: Any, published: ListVersion
    ) -> None:
        from hicoop.talent.services import lists

        draft = lists.create_version(
            data={"number": "D1", "title": "草案", "effective_from": "2030-01-01"}, actor=officer
        )
        assert client_for("unit-shanghai").get(f"/talent/versions/{draft.pk}/").status_code == 404
        assert client_for("talent-officer").get(f"/talent/versions/{draft.pk}/").status_code == 200


class TestPreChecks:
    def test_employer_stores_a_pre_check_counted_by_industry(self, published: ListVersion) -> None:
        body = {
            "industry": "84",
            "occupation": "2-05",
            "position_kind": "medical",
            "employer_uscc": HAIKOU_UNIT,
            "save": True,
            "on": "2026-01-10",
        }
        response = api_client("unit-haikou").post("/api/v1/talent/check/", body, format="json")
        assert response.status_code == 200 and response.json()["decision"] == "restricted"
        assert PreCheck.objects.get().employer_uscc == HAIKOU_UNIT
        html = client_for("unit-haikou").get("/talent/prechecks/").content.decode()
        assert "84" in html
        # another unit neither stores for Haikou nor sees its pre-checks
        refused = api_client("unit-shanghai").post("/api/v1/talent/check/", body, format="json")
        assert refused.status_code == 403
        assert (
            "2026-01-10"
            not in client_for("unit-shanghai").get("/talent/prechecks/").content.decode()
        )

    def test_credit_grade_provider_shows_in_the_trace(
        self, published: ListVersion, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(extensions, "_providers", list(extensions._providers))
        extensions.register_employer_grade_provider(
            lambda uscc: {"grade": "A", "label": "A级（测试）"} if uscc == OTHER_FIRM else None
        )
        body = {"industry": "65", "employer_uscc": OTHER_FIRM}
        trace = (
            api_client("unit-shanghai")
            .post("/api/v1/talent/check/", body, format="json")
            .json()["trace"]
        )
        assert trace["employer_grade"] == "A级（测试）"

    def test_points_estimate_in_the_trace(self, published: ListVersion) -> None:
        body = {
            "industry": "65",
            "points": {
                "salary": 50,
                "education": "doctorate",
                "age": 35,
                "working_months": 12,
                "experience": 10,
            },
        }
        found = (
            api_client("unit-shanghai").post("/api/v1/talent/check/", body, format="json").json()
        )
        assert (found["estimate"]["grade"], found["estimate"]["total"]) == ("B", 83)
        assert {f["code"]: f["points"] for f in found["estimate"]["factors"]}["experience"] == 13


class TestBadInput:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"industry": "ZZ9"}, "industry"),
            ({"industry": "65", "occupation": "9-99"}, "occupation"),
            ({"industry": "65", "employer_uscc": "91460100MA5TLX0100"}, "employer_uscc"),
            ({"industry": "65", "on": "2026-13-01"}, "on"),
            ({"industry": "65", "position_kind": "astronaut"}, "position_kind"),
            ({"industry": "65", "points": {"age": 300}}, "age"),
            ({"industry": "x" * 50}, "industry"),
        ],
    )
    def test_api_answers_code_message_details(self, body: dict[str, Any], field: str) -> None:
        response = api_client("unit-shanghai").post("/api/v1/talent/check/", body, format="json")
        assert response.status_code == 400
        payload = response.json()
        assert set(payload) >= {"code", "message", "details"} and field in payload["details"]

    def test_page_shows_the_error(self) -> None:
        response = client_for("unit-shanghai").post("/talent/check/", {"industry": "ZZ9"})
        assert response.status_code == 200 and "ZZ9" in response.content.decode()

    def test_cli_reports_a_clear_error(self) -> None:
        with pytest.raises(CommandError, match="ZZ9"):
            call_command("talent", "check", "--industry", "ZZ9", stdout=io.StringIO())

    def test_bad_spreadsheet_file(self) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("permits.xlsx", b"not a workbook")
        response = client_for("talent-officer").post("/talent/permits/import/", {"file": upload})
        assert response.status_code == 200 and Permit.objects.count() == 0

    def test_version_dates_and_duplicate_number(self, officer: Any, published: ListVersion) -> None:
        from hicoop.core.exceptions import ValidationFailed
        from hicoop.talent.services import lists

        with pytest.raises(ValidationFailed):
            lists.create_version(
                data={"number": "T2025", "title": "x", "effective_from": "2030-01-01"},
                actor=officer,
            )
        with pytest.raises(ValidationFailed):
            lists.create_version(
                data={"number": "N", "title": "x", "effective_from": "not a date"}, actor=officer
            )

    def test_unit_member_may_not_edit_the_list(self, published: ListVersion) -> None:
        from hicoop.core.exceptions import PermissionDenied
        from hicoop.talent.services import lists

        with pytest.raises(PermissionDenied):
            lists.create_version(
                data={"number": "X", "title": "x", "effective_from": "2030-01-01"},
                actor=user("unit-haikou"),
            )


class TestDiffInterfaces:
    def test_diff_page_api_and_cli(self, officer: Any, published: ListVersion) -> None:
        from hicoop.talent.services import lists
        from hicoop.talent.tests.conftest import entry

        draft = lists.create_version(
            data={"number": "T2026", "title": "x", "effective_from": "2026-07-01"},
            actor=officer,
            copy_from=published,
        )
        medical = draft.entries.get(code="T-02")
        lists.change_entry(entry=medical, data={"restriction": "prohibited"}, actor=officer)
        lists.remove_entry(entry=draft.entries.get(code="T-01"), actor=officer)
        lists.add_entry(version=draft, data=entry("T-05", "65"), actor=officer)
        kinds = {
            c["industry"]: c["kind"]
            for c in api_client("office")
            .get(f"/api/v1/talent/versions/{draft.pk}/diff/")
            .json()["changes"]
        }
        assert kinds == {"63": "removed", "84": "tightened", "65": "added"}
        html = client_for("office").get(f"/talent/versions/{draft.pk}/diff/").content.decode()
        assert "change-tightened" in html
        out = io.StringIO()
        call_command("talent", "diff", "T2026", "--against", "T2025", stdout=out)
        assert "tightened" in out.getvalue()


class TestSchemaAndQueries:
    def test_openapi_schema_lists_the_checker(self) -> None:
        import yaml

        response = api_client().get("/api/schema/")
        assert response.status_code == 200
        assert "/api/v1/talent/check/" in yaml.safe_load(response.content)["paths"]

    def test_permit_list_query_count_does_not_grow_with_rows(
        self, officer: Any, permit: Permit, django_assert_max_num_queries: Any
    ) -> None:
        from hicoop.talent.services import permits
        from hicoop.talent.tests.conftest import permit_data

        for n in range(2, 12):
            permits.create_permit(data=permit_data(f"HN-T-{n:04d}"), actor=officer)
        client = client_for("talent-officer")
        client.get("/talent/permits/")
        with django_assert_max_num_queries(20):
            assert client.get("/talent/permits/").status_code == 200


class TestCliMasking:
    @pytest.mark.parametrize(
        ("username", "sees"), [("unit-shanghai", False), ("talent-officer", True)]
    )
    def test_cli_permits_obey_the_same_rule(
        self, permit: Permit, username: str, sees: bool
    ) -> None:
        out = io.StringIO()
        call_command("talent", "--user", username, "permits", "--purpose", "核查", stdout=out)
        assert ("Anna Müller" in out.getvalue()) is sees
        assert PersonalDataRead.objects.filter(channel="cli").count() == (1 if sees else 0)


class TestEmployerAsParty:
    def test_employer_given_as_a_party_is_read_by_its_code(self, published: ListVersion) -> None:
        from hicoop.core.testing import party

        unit = party("demo-unit-haikou-bio")
        body = {"industry": "65", "employer": unit.pk, "save": True}
        found = api_client("unit-haikou").post("/api/v1/talent/check/", body, format="json")
        assert found.status_code == 200 and found.json()["trace"]["employer_uscc"] == HAIKOU_UNIT
        assert PreCheck.objects.get().employer_id == unit.pk
        missing = api_client("unit-haikou").post(
            "/api/v1/talent/check/", {"industry": "65", "employer": 10**9}, format="json"
        )
        assert missing.status_code == 400 and "employer" in missing.json()["details"]

    def test_the_check_page_offers_the_members_own_code(self) -> None:
        assert HAIKOU_UNIT in client_for("unit-haikou").get("/talent/check/").content.decode()
