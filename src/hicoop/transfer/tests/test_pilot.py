"""The ownership-rights pilot: rules as data, the approval step, and the achievement panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from hicoop.core.exceptions import PermissionDenied
from hicoop.core.testing import user
from hicoop.transfer import services
from hicoop.transfer.exceptions import GrantRuleBroken
from hicoop.transfer.models import PilotInstitution
from hicoop.transfer.tests.factories import achievement, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution() -> PilotInstitution:
    unit("海南测试大学", "haikou", "test-hainan-university")
    return services.add_institution(
        data={"party": "test-hainan-university", "joined_on": "2026-01-01"}, actor=user("office")
    )


def grant(**overrides: Any) -> Any:
    data = {
        "institution": "test-hainan-university",
        "achievement_title": "热带作物抗病品种",
        "right": "ownership",
        "shares": ["张三 60", "李四：30%"],
        **overrides,
    }
    return services.propose_grant(data=data, actor=user("office"))


class TestRules:
    def test_five_year_use_right_refused_in_both_languages(self, institution: Any) -> None:
        for language, expected in (("zh-hans", "不少于10年"), ("en", "no less than 10 years")):
            with translation.override(language), pytest.raises(GrantRuleBroken) as caught:
                grant(right="long_term_use", term_years=5)
            assert expected in caught.value.details["term_years"][0]

    def test_ten_year_use_right_accepted(self, institution: Any) -> None:
        assert grant(right="long_term_use", term_years=10).status == "proposed"

    def test_shares_over_100_across_grants_refused(self, institution: Any) -> None:
        # given 90 % already granted for the achievement
        grant()
        # when 20 % more is asked, then it is refused with the figures
        with translation.override("en"), pytest.raises(GrantRuleBroken) as caught:
            grant(shares=["王五 20"])
        assert "90.00 % already granted, 20.00 % asked" in caught.value.details["shares"][0]

    def test_shares_over_100_in_one_grant(self, institution: Any) -> None:
        with pytest.raises(GrantRuleBroken):
            grant(shares=["张三 70", "李四 40"])

    def test_refused_attempt_kept_when_asked(self, institution: Any) -> None:
        grant()
        kept = services.propose_grant(
            data={
                "institution": "test-hainan-university",
                "achievement_title": "热带作物抗病品种",
                "right": "ownership",
                "shares": ["王五 20"],
            },
            actor=user("office"),
            keep_refused=True,
        )
        assert kept.status == "refused"
        # a refused grant does not use up shares
        assert grant(shares=["王五 10"]).status == "proposed"


class TestApproval:
    def test_institution_approves_and_outsider_cannot(self, institution: Any) -> None:
        proposed = grant()
        with pytest.raises(PermissionDenied):
            services.decide_grant(grant=proposed, approve=True, actor=user("hunan"))
        services.decide_grant(
            grant=proposed, approve=True, actor=user("office"), on=dt.date(2026, 3, 1)
        )
        assert (proposed.status, proposed.approved_on) == ("approved", dt.date(2026, 3, 1))

    def test_only_hainan_units_join(self) -> None:
        from hicoop.core.exceptions import ValidationFailed

        with pytest.raises(ValidationFailed):
            services.add_institution(
                data={"party": "demo-unit-shanghai-ocean", "joined_on": "2026-01-01"},
                actor=user("office"),
            )


class TestPanel:
    def test_grant_shows_on_the_achievement_page(self, institution: Any, client: Any) -> None:
        listed = achievement(owner="test-hainan-university", title="热带作物抗病品种")
        grant(achievement=str(listed.pk))
        client.force_login(user("office"))
        page = client.get(f"/achievements/{listed.pk}/").content.decode()
        assert "张三 60.00%" in page


class TestPilotScoping:
    @pytest.mark.parametrize(
        ("username", "sees"),
        [
            ("office", True),
            ("ministry", True),
            ("haikou-park", False),
            ("hunan", False),
            ("unit-shanghai", False),
        ],
    )
    def test_grants_per_role(self, institution: Any, username: str, sees: bool) -> None:
        from hicoop.transfer import selectors

        proposed = grant()
        assert (proposed in selectors.grant_list(user=user(username))) is sees
