import datetime as dt
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hicoop.engine.evaluation_scoring import (
    LOWER,
    MIN_MAX,
    MISSING_MEAN,
    MISSING_RENORMALISE,
    FormulaError,
    Observation,
    ScoringFormula,
    WeightedIndicator,
    score_localities,
)

ON = dt.date(2026, 1, 1)


def formula(**kw: object) -> ScoringFormula:
    base: dict[str, object] = {
        "version": "v1",
        "effective_from": ON,
        "indicators": (
            WeightedIndicator("items", D("0.3")),
            WeightedIndicator("reports", D("0.7")),
        ),
    }
    base.update(kw)
    return ScoringFormula(**base)  # type: ignore[arg-type]


class TestTargetAttainment:
    def test_given_two_indicators_when_scored_then_explanation_adds_up(self) -> None:
        obs = [
            Observation("hk", "items", D(11), D(12), "11/12"),
            Observation("hk", "reports", D("0.787"), D(1), "48/61"),
        ]
        (score,) = score_localities(formula(), ["hk"], obs)
        assert score.terms[0].normalised == D("91.7")
        assert score.terms[1].normalised == D("78.7")
        assert score.score == D("82.6")  # 0.3 × 91.7 + 0.7 × 78.7 = 27.51 + 55.09
        assert score.explain({"items": "items completed"}) == (
            "82.6 = 0.3 × 91.7 (items completed 11/12) + 0.7 × 78.7 (reports 48/61)"
        )

    def test_over_achievement_is_capped(self) -> None:
        obs = [Observation("a", "items", D(30), D(10)), Observation("a", "reports", D(1), D(1))]
        (score,) = score_localities(formula(cap=D("1.2")), ["a"], obs)
        assert score.terms[0].normalised == D("120.0")
        (score,) = score_localities(formula(), ["a"], obs)
        assert score.terms[0].normalised == D("100.0")

    def test_lower_is_better_inverts_attainment(self) -> None:
        f = formula(indicators=(WeightedIndicator("days", D(1), LOWER),))
        (score,) = score_localities(f, ["a"], [Observation("a", "days", D(20), D(10))])
        assert score.score == D("50.0")

    def test_bounds_clamp_the_score(self) -> None:
        obs = [Observation("a", "items", D(0), D(10)), Observation("a", "reports", D(0), D(1))]
        (score,) = score_localities(formula(low=D(10)), ["a"], obs)
        assert score.score == D(10) and score.clamped


class TestMinMax:
    def test_best_scores_100_worst_0(self) -> None:
        f = formula(normalisation=MIN_MAX, indicators=(WeightedIndicator("items", D(1)),))
        obs = [Observation(c, "items", D(v)) for c, v in (("a", 2), ("b", 6), ("c", 10))]
        scores = {s.locality: s.score for s in score_localities(f, ["a", "b", "c"], obs)}
        assert scores == {"a": D("0.0"), "b": D("50.0"), "c": D("100.0")}

    def test_all_equal_scores_everyone_100(self) -> None:
        f = formula(normalisation=MIN_MAX, indicators=(WeightedIndicator("items", D(1)),))
        obs = [Observation(c, "items", D(3)) for c in "ab"]
        assert {s.score for s in score_localities(f, "ab", obs)} == {D(100)}


class TestMissingData:
    obs = [
        Observation("a", "items", D(10), D(10)),
        Observation("b", "items", D(5), D(10)),
        Observation("b", "reports", D(1), D(1)),
    ]

    def test_zero_rule_scores_missing_as_zero(self) -> None:
        a, _ = score_localities(formula(), "ab", self.obs)
        assert a.score == D("30.0") and a.missing == ("reports",)

    def test_renormalise_rescales_remaining_weights(self) -> None:
        a, _ = score_localities(formula(missing=MISSING_RENORMALISE), "ab", self.obs)
        assert a.score == D("100.0")
        assert [t.weight for t in a.terms] == [D(1)]

    def test_mean_rule_uses_others_mean(self) -> None:
        a, _ = score_localities(formula(missing=MISSING_MEAN), "ab", self.obs)
        assert a.score == D("100.0")  # 0.3 × 100 + 0.7 × 100 (b's reports)


class TestFormula:
    @pytest.mark.parametrize(
        "kw",
        [
            {"indicators": ()},
            {"indicators": (WeightedIndicator("a", D("0.5")),)},
            {"indicators": (WeightedIndicator("a", D(1), "sideways"),)},
            {"normalisation": "zscore"},
            {"missing": "guess"},
            {"low": D(100), "high": D(0)},
        ],
    )
    def test_bad_parameters_are_refused(self, kw: dict[str, object]) -> None:
        with pytest.raises(FormulaError):
            formula(**kw).check()

    def test_round_trip_through_stored_form(self) -> None:
        f = formula(normalisation=MIN_MAX, cap=D("1.5"), missing=MISSING_MEAN)
        assert ScoringFormula.from_dict(f.as_dict()) == f


values = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(values, values), min_size=1, max_size=6), st.booleans())
def test_property_explanations_add_up_and_replay_is_identical(
    rows: list[tuple[D, D]], minmax: bool
) -> None:
    f = formula(normalisation=MIN_MAX if minmax else "target")
    localities = [f"L{i}" for i in range(len(rows))]
    obs = []
    for code, (items, reports) in zip(localities, rows, strict=True):
        obs.append(Observation(code, "items", items, D(100)))
        obs.append(Observation(code, "reports", reports, D(500)))
    first = score_localities(f, localities, obs)
    for s in first:
        total = sum((t.weight * t.normalised for t in s.terms), D(0))
        assert s.score == total.quantize(D("0.1"), rounding=ROUND_HALF_UP)
        assert D(0) <= s.score <= D(100)
    assert score_localities(ScoringFormula.from_dict(f.as_dict()), localities, obs) == first
