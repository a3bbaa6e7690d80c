"""What applies to me: a park unit's organisation profile, typed profiles, reasons and benefit
clauses, by date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from hicoop.core.testing import party, user
from hicoop.policies import applicability, explain, selectors
from hicoop.policies.services import profiles

from .conftest import make_policy

ON = dt.date(2026, 6, 1)


@pytest.mark.django_db
class TestForMyOrganisation:
    def test_park_unit_gets_park_and_zone_policies_with_reasons(self) -> None:
        # given a policy for 海口高新区 biomedicine enterprises, one for the pioneer zone and one
        # for another park
        park_policy = make_policy(
            data={
                "title": "海口高新区生物医药扶持（演示数据）",
                "parks": ["haikou-hitech"],
                "fields": ["biomedicine"],
                "entity_kinds": ["enterprise"],
            }
        )
        zone_policy = make_policy(
            data={"title": "先导区支持（演示数据）", "zones": ["offshore-pioneer-zone"]}
        )
        other = make_policy(data={"title": "崖州湾扶持（演示数据）", "parks": ["yazhou-bay"]})
        # when the Haikou demo unit (an enterprise in 海口高新区) asks
        unit = party("demo-unit-haikou-bio")
        found = selectors.applicable(
            user=user("unit-haikou"), profile=selectors.profile_for_party(unit), on=ON
        )
        titles = [a.policy.title for a in found]
        # then the park's and the zone's policies apply, with reasons; the other park's does not
        assert park_policy.title in titles and zone_policy.title in titles
        assert other.title not in titles
        assert titles.index(park_policy.title) < titles.index(
            zone_policy.title
        )  # most specific first
        hit = next(a for a in found if a.policy == park_policy)
        with translation.override("zh-hans"):
            names = explain.Names([hit.verdict])
            reasons = explain.sentences(hit.verdict, names)
        assert any("海口国家高新技术产业开发区" in r for r in reasons)
        assert [c.address for c in hit.clauses] == ["第三条"]

    def test_a_policy_not_yet_in_force_is_not_listed(self) -> None:
        later = make_policy(
            data={"title": "明年起施行（演示数据）"}, version={"effective_from": "2027-01-01"}
        )
        unit = party("demo-unit-haikou-bio")
        found = selectors.applicable(user=None, profile=selectors.profile_for_party(unit), on=ON)
        assert later.pk not in [a.policy.pk for a in found]


@pytest.mark.django_db
class TestTypedProfile:
    def test_foreign_talent_policy_needs_a_foreign_talent_profile(self) -> None:
        talent = make_policy(data={"title": "外籍人才便利（演示数据）", "foreign_talent": "only"})
        without = selectors.profile_from_params({"region": "hainan", "foreign_talent": "no"})
        with_talent = selectors.profile_from_params({"region": "hainan", "foreign_talent": "是"})
        assert talent.pk not in [
            a.policy.pk for a in selectors.applicable(user=None, profile=without, on=ON)
        ]
        assert talent.pk in [
            a.policy.pk for a in selectors.applicable(user=None, profile=with_talent, on=ON)
        ]

    def test_unknown_park_is_a_clear_error(self) -> None:
        from hicoop.core.exceptions import ValidationFailed

        with pytest.raises(ValidationFailed) as err:
            selectors.profile_from_params({"park": "不存在的园区"})
        assert "park" in err.value.details

    def test_units_save_profiles_for_their_own_organisation(self) -> None:
        from hicoop.core.exceptions import PermissionDenied

        saved = profiles.save_profile(
            party=party("demo-unit-haikou-bio"),
            name="研发中心",
            params={"park": "haikou-hitech", "entity_kind": "enterprise"},
            actor=user("unit-haikou"),
        )
        assert saved in selectors.saved_profiles(user=user("unit-haikou"))
        assert saved not in selectors.saved_profiles(user=user("unit-shanghai"))
        with pytest.raises(PermissionDenied):
            profiles.save_profile(
                party=party("demo-unit-haikou-bio"),
                name="x",
                params={},
                actor=user("unit-shanghai"),
            )


class TestRules:
    """The pure rules, without a database."""

    def test_open_conditions_apply_to_anyone(self) -> None:
        verdict = applicability.judge(applicability.Conditions(), applicability.Profile())
        assert verdict.applies and verdict.specific == 0

    def test_park_or_zone_either_matches(self) -> None:
        conditions = applicability.Conditions(park_ids=frozenset({1}), zone_codes=frozenset({"z"}))
        assert applicability.judge(
            conditions, applicability.Profile(zone_codes=frozenset({"z"}))
        ).applies
        assert not applicability.judge(
            conditions, applicability.Profile(park_ids=frozenset({2}))
        ).applies

    def test_unknown_size_does_not_exclude_but_is_unchecked(self) -> None:
        verdict = applicability.judge(
            applicability.Conditions(sizes=frozenset({"small"})), applicability.Profile()
        )
        assert verdict.applies and any(r.outcome == "unchecked" for r in verdict.reasons)
