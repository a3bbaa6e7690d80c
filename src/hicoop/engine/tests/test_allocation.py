import datetime as dt
import itertools
from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hicoop.engine.allocation import (
    FEN_PER_WAN,
    AllocationError,
    AllocationFormula,
    allocate,
)

ON = dt.date(2026, 1, 1)


def formula(**kw: object) -> AllocationFormula:
    return AllocationFormula(version="a1", effective_from=ON, **kw)  # type: ignore[arg-type]


class TestAllocate:
    def test_given_equal_scores_then_equal_shares(self) -> None:
        result = allocate(formula(), D(300), {"a": D(80), "b": D(80), "c": D(80)})
        assert set(result.by_locality().values()) == {100 * FEN_PER_WAN}

    def test_base_plus_performance(self) -> None:
        # weights: 0.5/2 + 0.5 × 75/100 = 0.625 and 0.25 + 0.125 = 0.375
        result = allocate(formula(base_share=D("0.5")), D(1000), {"a": D(75), "b": D(25)})
        assert result.by_locality() == {"a": 625 * FEN_PER_WAN, "b": 375 * FEN_PER_WAN}

    def test_thirds_sum_to_the_pot_to_the_fen(self) -> None:
        result = allocate(
            formula(base_share=D(1)), D("0.000001") * 100, {"a": D(1), "b": D(1), "c": D(1)}
        )
        assert sorted(result.by_locality().values()) == [33, 33, 34]
        assert result.total_fen == 100
        assert result.by_locality()["a"] == 34  # ties go to the lower code

    def test_cap_moves_the_rest_to_others(self) -> None:
        result = allocate(
            formula(base_share=D(0), caps={"a": D(100)}), D(1000), {"a": D(90), "b": D(10)}
        )
        assert result.by_locality() == {"a": 100 * FEN_PER_WAN, "b": 900 * FEN_PER_WAN}
        assert result.shares[0].bound == "cap"

    def test_floor_lifts_a_low_score(self) -> None:
        result = allocate(
            formula(base_share=D(0), floor_wan=D(50)), D(1000), {"a": D(99), "b": D(1)}
        )
        assert result.by_locality()["b"] == 50 * FEN_PER_WAN
        assert result.total_fen == 1000 * FEN_PER_WAN

    @pytest.mark.parametrize(
        "kw, pot",
        [
            ({"floor_wan": D(600)}, D(1000)),
            ({"cap_wan": D(400)}, D(1000)),
            ({"base_share": D("1.5")}, D(10)),
            ({"floors": {"a": D(5)}, "caps": {"a": D(4)}}, D(10)),
            ({"floor_wan": D("0.0000001")}, D(10)),
        ],
    )
    def test_impossible_parameters_are_refused(self, kw: dict[str, object], pot: D) -> None:
        with pytest.raises(AllocationError):
            allocate(formula(**kw), pot, {"a": D(1), "b": D(2)})

    def test_round_trip_through_stored_form(self) -> None:
        f = formula(floor_wan=D(1), cap_wan=D(500), floors={"a": D(2)}, caps={"b": D(300)})
        assert AllocationFormula.from_dict(f.as_dict()) == f


scores = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=8,
)
wan = st.decimals(min_value=0, max_value=100000, places=6, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    scores,
    wan,
    st.decimals(min_value=0, max_value=1, places=2),
    st.decimals(min_value=0, max_value=50, places=2),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=50000, places=2)),
)
def test_property_shares_sum_to_the_pot_within_bounds_and_replay(
    by_locality: dict[str, D], pot: D, base: D, floor: D, cap: D | None
) -> None:
    f = formula(base_share=base, floor_wan=floor, cap_wan=cap)
    n = len(by_locality)
    assume(floor * n <= pot and (cap is None or (cap >= floor and cap * n >= pot)))
    result = allocate(f, pot, by_locality)
    assert result.total_fen == int(pot * FEN_PER_WAN)
    for share in result.shares:
        assert share.fen >= int(floor * FEN_PER_WAN)
        assert cap is None or share.fen <= int(cap * FEN_PER_WAN)
    replay = allocate(
        AllocationFormula.from_dict(f.as_dict()), pot, dict(reversed(by_locality.items()))
    )
    assert replay == result


@settings(max_examples=80, deadline=None)
@given(scores, wan)
def test_property_without_bounds_a_higher_score_never_gets_less(
    by_locality: dict[str, D], pot: D
) -> None:
    result = allocate(formula(), pot, by_locality)
    ordered = sorted(result.shares, key=lambda s: s.score)
    for low, high in itertools.pairwise(ordered):
        if high.score > low.score:
            assert high.fen >= low.fen
