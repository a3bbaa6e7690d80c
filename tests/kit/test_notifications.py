"""In-app notifications: one per recipient (never the actor), in the reader's language, with an
unread count in the header and an API to list and mark them read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hicoop.core import notifications
from hicoop.core.models import Notification
from hicoop.core.notifications import NoticeKind
from hicoop.core.testing import api_client, user

KIND = NoticeKind("tests.reminder", _("Reminder"), _("Item %(item)s needs a progress report"))
notifications.register_kinds(KIND)


@pytest.mark.django_db
class TestNotify:
    def test_each_recipient_once_and_never_the_actor(self) -> None:
        rows = notifications.notify(
            recipients=[user("unit-haikou"), user("unit-haikou"), user("office")],
            kind=KIND,
            params={"item": "HC-2026-001"},
            actor=user("office"),
            url="/cooperation/items/1/",
        )
        assert [r.recipient.username for r in rows] == ["unit-haikou"]

    def test_text_is_rendered_in_the_readers_language(self) -> None:
        (row,) = notifications.notify(
            recipients=[user("unit-haikou")], kind=KIND, params={"item": "A"}, actor=user("office")
        )
        with translation.override("en"):
            assert notifications.text_of(row) == "Item A needs a progress report"

    def test_names_and_phrases_stored_in_both_languages_follow_the_reader(self) -> None:
        named = NoticeKind("tests.named", _("Reminder"), "%(party)s · %(phrase)s · %(typed)s")
        with translation.override("en"):  # the actor reads English
            (row,) = notifications.notify(
                recipients=[user("unit-haikou")],
                kind=named,
                params={
                    "party": notifications.bilingual("海口示例企业", "Haikou Example Co."),
                    "phrase": notifications.in_languages(lambda: _("Save")),
                    "typed": "请补充预算",
                },
                actor=user("office"),
            )
        row.refresh_from_db()
        with translation.override("zh-hans"):
            assert notifications.text_of(row) == "海口示例企业 · 保存 · 请补充预算"
        with translation.override("en"):
            assert notifications.text_of(row) == "Haikou Example Co. · Save · 请补充预算"

    def test_older_rows_with_plain_text_parameters_still_read(self) -> None:
        row = Notification.objects.create(
            recipient=user("unit-haikou"), kind=KIND.name, params={"item": "旧合作事项"}
        )
        with translation.override("en"):
            assert notifications.text_of(row) == "Item 旧合作事项 needs a progress report"

    def test_header_count_page_and_open_marks_read(self) -> None:
        notifications.notify(
            recipients=[user("unit-haikou")],
            kind=KIND,
            params={"item": "B"},
            actor=user("office"),
            url="/cooperation/",
        )
        client = Client()
        client.force_login(user("unit-haikou"))
        page = client.get(reverse("core:notifications")).content.decode()
        assert 'id="unread-count">1<' in page
        row = notifications.notifications_for(user=user("unit-haikou")).get()
        response = client.get(reverse("core:notification-open", args=[row.pk]))
        assert response.status_code == 302 and response["Location"] == "/cooperation/"
        assert notifications.unread_count(user("unit-haikou")) == 0


@pytest.mark.django_db
class TestNotificationApi:
    def test_list_and_mark_read(self) -> None:
        notifications.notify(
            recipients=[user("unit-haikou")], kind=KIND, params={"item": "C"}, actor=user("office")
        )
        client = api_client("unit-haikou")
        body = client.get("/api/v1/notifications/?unread=1").json()
        assert body["count"] == 1 and body["results"][0]["unread"] is True
        marked = client.post("/api/v1/notifications/read/", {}, format="json").json()
        assert marked == {"marked": 1, "unread": 0}
        assert api_client("unit-shanghai").get("/api/v1/notifications/").json()["count"] == 0

    def test_bad_ids_are_a_clear_error(self) -> None:
        response = api_client("office").post(
            "/api/v1/notifications/read/", {"ids": ["x"]}, format="json"
        )
        assert response.status_code == 400 and response.json()["code"] == "validation_error"
