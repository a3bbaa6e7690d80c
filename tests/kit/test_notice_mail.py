"""Notification e-mail (issue 10): one digest a day per user at most, the kinds they did not leave
out, in their language, with absolute links; settings on the profile page, the API and the CLI."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone, translation

from hicoop.cooperation import notices as cooperation_notices
from hicoop.core import notice_mail, notifications
from hicoop.core.actors import SCHEDULER
from hicoop.core.models import NoticeDigest, NoticePreference, Notification
from hicoop.core.notifications import NoticeKind
from hicoop.core.testing import api_client, user
from hicoop.listings import notices as listing_notices
from hicoop.matchmaking import notices as matching_notices

pytestmark = pytest.mark.django_db

SITE = "https://hicoop.example.cn"
TODAY = dt.date(2026, 5, 11)
ISSUE_KINDS = (
    *listing_notices.KINDS,
    *matching_notices.KINDS,
    *cooperation_notices.KINDS,
)


def with_address(username: str, address: str = "") -> Any:
    account = user(username)
    account.email = address or f"{username}@example.cn"
    account.save(update_fields=["email"])
    return account


def tell(
    kind: NoticeKind, username: str = "unit-haikou", url: str = "/cooperation/items/7/"
) -> Any:
    """One notification of ``kind`` with every placeholder filled with its own name."""
    names = re.findall(r"%\((\w+)\)s", str(kind.template))
    (row,) = notifications.notify(
        recipients=[user(username)],
        kind=kind,
        params={n: f"<{n}>" for n in names},
        actor=user("office"),
        url=url,
    )
    return row


def digest(on: dt.date = TODAY, dry_run: bool = False) -> notice_mail.DigestRun:
    with override_settings(HICOOP_SITE_URL=SITE):
        return notice_mail.send_digests(on=on, actor=SCHEDULER, dry_run=dry_run)


def mute(username: str, **choices: Any) -> None:
    NoticePreference.objects.update_or_create(user=user(username), defaults=choices)


class TestDigest:
    def test_each_kind_of_the_issue_appears_with_an_absolute_link(self) -> None:
        with_address("unit-haikou")
        for kind in ISSUE_KINDS:
            tell(kind)
        assert digest().sent == 1
        (message,) = mail.outbox
        assert message.to == ["unit-haikou@example.cn"]
        with translation.override("zh-hans"):
            for kind in ISSUE_KINDS:
                assert str(kind.label) in message.body, kind.name
        assert f"{SITE}/cooperation/items/7/" in message.body
        assert "<record>" in message.body and "<partner>" in message.body

    def test_a_kind_left_out_is_not_emailed_but_still_shown_in_the_app(self) -> None:
        with_address("unit-haikou")
        tell(listing_notices.RETURNED)
        tell(cooperation_notices.REPORT_DUE)
        mute("unit-haikou", muted_kinds=[listing_notices.RETURNED.name])
        digest()
        body = mail.outbox[0].body
        with translation.override("zh-hans"):
            assert str(cooperation_notices.REPORT_DUE.label) in body
            assert str(listing_notices.RETURNED.label) not in body
        assert notifications.unread_count(user("unit-haikou")) == 2

    def test_email_turned_off_sends_nothing(self) -> None:
        with_address("unit-haikou")
        tell(listing_notices.PUBLISHED)
        mute("unit-haikou", email_enabled=False)
        assert digest().sent == 0 and mail.outbox == []

    def test_one_digest_a_day_and_the_next_day_only_what_is_new(self) -> None:
        with_address("unit-haikou")
        tell(listing_notices.PUBLISHED)
        assert digest().sent == 1
        tell(cooperation_notices.ITEM_AGREED)
        assert digest().sent == 0 and len(mail.outbox) == 1
        assert NoticeDigest.objects.filter(recipient=user("unit-haikou"), day=TODAY).count() == 1
        assert digest(TODAY + dt.timedelta(days=1)).sent == 1
        with translation.override("zh-hans"):
            second = mail.outbox[1].body
            assert str(cooperation_notices.ITEM_AGREED.label) in second
            assert str(listing_notices.PUBLISHED.label) not in second

    def test_written_in_the_users_language(self) -> None:
        with_address("unit-haikou")
        with_address("unit-shanghai")
        mute("unit-shanghai", language="en")
        tell(cooperation_notices.REPORT_OVERDUE, "unit-haikou")
        tell(cooperation_notices.REPORT_OVERDUE, "unit-shanghai")
        digest()
        by_address = {m.to[0]: m for m in mail.outbox}
        english = by_address["unit-shanghai@example.cn"]
        chinese = by_address["unit-haikou@example.cn"]
        assert english.subject == "[hicoop] 1 new notification"
        assert "Progress report overdue" in english.body
        assert "Progress report overdue" not in chinese.body and "通知" in chinese.subject

    def test_users_without_an_address_are_skipped_and_not_marked(self) -> None:
        user("unit-haikou").__class__.objects.filter(username="unit-haikou").update(email="")
        row = tell(listing_notices.PUBLISHED)
        run = digest()
        assert (run.sent, run.no_address, mail.outbox) == (0, 1, [])
        row.refresh_from_db()
        assert row.emailed_at is None

    def test_dry_run_sends_and_records_nothing(self) -> None:
        with_address("unit-haikou")
        tell(listing_notices.PUBLISHED)
        assert digest(dry_run=True).sent == 1
        assert mail.outbox == [] and not NoticeDigest.objects.exists()
        assert Notification.objects.filter(emailed_at__isnull=False).count() == 0

    def test_older_than_a_week_is_not_emailed(self) -> None:
        with_address("unit-haikou")
        row = tell(listing_notices.PUBLISHED)
        Notification.objects.filter(pk=row.pk).update(
            created_at=timezone.now() - dt.timedelta(days=notice_mail.WINDOW_DAYS + 1)
        )
        assert digest().sent == 0


class TestJob:
    def test_the_daily_job_runs_at_the_configured_time_and_sends(self) -> None:
        from django.conf import settings

        from hicoop.core.jobs import enqueue
        from hicoop.core.jobs.registry import PERIODIC

        assert PERIODIC[notice_mail.DIGEST_JOB].daily_at == settings.HICOOP_EMAIL_DIGEST_AT
        with_address("unit-haikou")
        tell(listing_notices.PUBLISHED)
        job = enqueue(kind=notice_mail.DIGEST_JOB, params={"on": "2026-05-11"}, actor=SCHEDULER)
        job.refresh_from_db()
        assert job.status == "succeeded" and job.result["sent"] == 1
        assert len(mail.outbox) == 1


class TestCommand:
    def test_digest_now_and_dry_run(self) -> None:
        with_address("unit-haikou")
        tell(listing_notices.PUBLISHED)
        out = StringIO()
        call_command("notifications", "digest", "--dry-run", "--on", "2026-05-11", stdout=out)
        assert (
            "unit-haikou@example.cn" in out.getvalue() and "would send 1 digest" in out.getvalue()
        )
        assert mail.outbox == []
        call_command("notifications", "digest", "--on", "2026-05-11", stdout=StringIO())
        assert len(mail.outbox) == 1

    def test_a_bad_date_is_a_clear_error(self) -> None:
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("notifications", "digest", "--on", "11/05/2026")


class TestPreferencesApi:
    URL = "/api/v1/notifications/preferences/"

    def test_defaults_then_change(self) -> None:
        client = api_client("unit-haikou")
        body = client.get(self.URL).json()
        assert (body["email_enabled"], body["language"], body["muted_kinds"]) == (
            True,
            "zh-hans",
            [],
        )
        assert "listings.returned" in [k["kind"] for k in body["kinds"]]
        change = {"email_enabled": False, "language": "en", "muted_kinds": ["listings.returned"]}
        assert client.put(self.URL, change, format="json").status_code == 200
        saved = NoticePreference.objects.get(user=user("unit-haikou"))
        assert (saved.email_enabled, saved.language, saved.muted_kinds) == (
            False,
            "en",
            ["listings.returned"],
        )

    def test_unknown_kind_and_language_are_field_errors(self) -> None:
        change = {"email_enabled": True, "language": "fr", "muted_kinds": ["nope"]}
        response = api_client("unit-haikou").put(self.URL, change, format="json")
        assert response.status_code == 400 and "language" in response.json()["details"]
        change["language"] = "en"
        response = api_client("unit-haikou").put(self.URL, change, format="json")
        assert response.status_code == 400
        assert "nope" in str(response.json()["details"]["muted_kinds"])

    def test_anonymous_is_refused(self) -> None:
        assert api_client().get(self.URL).status_code in (401, 403)


class TestProfilePage:
    def test_untick_a_kind_on_the_page(self) -> None:
        client = Client()
        client.force_login(user("unit-haikou"))
        page = client.get("/accounts/me/").content.decode()
        assert 'href="/accounts/me/notifications/"' in page
        page = client.get("/accounts/me/notifications/").content.decode()
        assert "只影响电子邮件" in page and 'id="no-email-address"' in page
        kinds = [k for k, _label in _all_kinds() if k != "listings.published"]
        response = client.post(
            "/accounts/me/notifications/",
            {"email_enabled": "on", "language": "en", "kinds": kinds},
        )
        assert response.status_code == 302
        saved = NoticePreference.objects.get(user=user("unit-haikou"))
        assert saved.muted_kinds == ["listings.published"] and saved.language == "en"

    def test_a_bad_language_is_shown_on_the_form(self) -> None:
        client = Client()
        client.force_login(user("unit-haikou"))
        response = client.post("/accounts/me/notifications/", {"language": "xx"})
        assert response.status_code == 400 and 'data-field="language"' in response.content.decode()


def _all_kinds() -> list[tuple[str, str]]:
    from hicoop.core.notice_preferences import email_kinds

    return email_kinds()
