"""Notifications of interests name the parties and the decline reason in the reader's language,
whatever language the sender used (issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from hicoop.core import notifications
from hicoop.core.testing import party, user
from hicoop.matchmaking import services

TODAY = dt.date(2026, 5, 11)


def latest_text(username: str, language: str) -> str:
    row = notifications.notifications_for(user=user(username)).first()
    with translation.override(language):
        return notifications.text_of(row)


@pytest.mark.django_db
class TestInterestNoticeLanguage:
    def test_party_names_and_reason_follow_the_reader(self, demand):
        owner = demand.owner
        partner = party("demo-unit-shanghai-ocean")
        # given an interest sent while the sender reads English
        with translation.override("en"):
            interest = services.express_interest(
                demand=demand, partner=partner, actor=user("unit-haikou")
            )
        # then a Chinese reader sees the Chinese name, an English reader the English one
        assert owner.name in latest_text("unit-shanghai", "zh-hans")
        assert owner.name_en in latest_text("unit-shanghai", "en")
        assert owner.name not in latest_text("unit-shanghai", "en")
        # when the partner declines while reading Chinese
        with translation.override("zh-hans"):
            services.respond_interest(
                interest=interest,
                actor=user("unit-shanghai"),
                accept=False,
                reason="no_capacity",
                on=TODAY,
            )
        english = latest_text("unit-haikou", "en")
        assert partner.name_en in english and "No capacity" in english
        chinese = latest_text("unit-haikou", "zh-hans")
        assert partner.name in chinese and "无承接能力" in chinese
