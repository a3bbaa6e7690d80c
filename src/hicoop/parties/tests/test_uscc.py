"""GB 32100-2015 unified social credit code check."""

import pytest

from hicoop.parties import uscc


class TestUscc:
    @pytest.mark.parametrize(
        "code",
        [
            "91350100M000100Y43",  # published example in GB 32100-2015 explanations
            "91460100MA5TDEM01M",
            "12310000MB2DEM001B",
        ],
    )
    def test_valid_codes_pass(self, code: str) -> None:
        assert uscc.problem(code) is None

    def test_wrong_check_character_is_caught(self) -> None:
        assert uscc.problem("91460100MA5TDEM01N") == "checksum"

    def test_length_and_alphabet_are_checked(self) -> None:
        assert uscc.problem("91460100MA5TDEM01") == "length"
        assert uscc.problem("91460100MA5TDEMO1M") == "characters"  # O is not allowed

    def test_normalise_folds_full_width_and_case(self) -> None:
        assert uscc.normalise(" ９１４６０１００ma5tdem01m ") == "91460100MA5TDEM01M"

    def test_check_character_cycles_through_alphabet(self) -> None:
        # Given seventeen characters, exactly one of the 31 possible check characters is valid.
        base = "91460100MA5TDEM01"
        valid = [c for c in uscc.ALPHABET if uscc.problem(base + c) is None]
        assert valid == ["M"]


class TestDemoCodes:
    def test_demo_codes_use_the_reserved_division_and_still_pass_the_check(self) -> None:
        # given the demo's units and accounts / then every code is reserved and valid
        import json
        from pathlib import Path

        units = Path(__file__).resolve().parents[2] / "listings" / "demo_data" / "units.json"
        codes = [
            u["credit_code"] for u in json.loads(units.read_text("utf-8")) if u.get("credit_code")
        ]
        assert codes
        for code in codes:
            assert uscc.is_demo(code) and uscc.problem(code) is None
        # and a real firm's code (a real division) is not taken for a demo one
        assert not uscc.is_demo("91460100MA5TDEM01M")
        assert uscc.problem(uscc.demo_code("91", "MA5TDEM01")) is None
        assert uscc.demo_code("12", "MB2DEM001").startswith("12000000")
