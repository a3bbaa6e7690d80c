"""Declarative input: text kept as typed, strict JSON types, ranges, labels or codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hicoop.core.inputs import Attr, ParseError, clean, parse
from hicoop.listings.choices import CooperationMode

TITLE = Attr("title", "标题", "title", "text", required=True, max_length=20)
BUDGET = Attr(
    "budget", "预算（万元）", "budget", "decimal", min_value=0, max_value=Decimal("9999999.99")
)
COUNT = Attr("count", "数量", "count", "int", min_value=0, max_value=1000)
MODE = Attr("mode", "合作模式", "mode", "choice", choices=CooperationMode)
DATE = Attr("on", "日期", "on", "date")


class TestText:
    def test_full_width_punctuation_is_kept_as_typed(self) -> None:
        assert parse(TITLE, " 指标：≥85%，纯度；（益智仁） ") == "指标：≥85%，纯度；（益智仁）"

    @pytest.mark.parametrize("raw", [["a"], {"a": 1}, True])
    def test_wrong_json_type_is_refused(self, raw: object) -> None:
        with pytest.raises(ParseError):
            parse(TITLE, raw)

    def test_control_characters_and_length(self) -> None:
        with pytest.raises(ParseError):
            parse(TITLE, "a\x00b")
        with pytest.raises(ParseError):
            parse(TITLE, "字" * 21)


class TestNumbers:
    @pytest.mark.parametrize("raw", ["1e15", "NaN", "Infinity", "-1", "²", "፩", True, "1,2,3x"])
    def test_out_of_range_or_not_a_number_is_refused(self, raw: object) -> None:
        with pytest.raises(ParseError):
            parse(BUDGET, raw)

    def test_decimal_accepts_full_width_digits_and_commas(self) -> None:
        assert parse(BUDGET, "１,２００.５") == Decimal("1200.50")

    @pytest.mark.parametrize("raw", [1.5, "2.0x", 10**30, "1001"])
    def test_int_is_whole_and_in_range(self, raw: object) -> None:
        with pytest.raises(ParseError):
            parse(COUNT, raw)


class TestChoicesAndDates:
    def test_choice_accepts_code_or_label_in_either_language(self) -> None:
        assert parse(MODE, "point_to_point") == "point_to_point"
        assert parse(MODE, "点对点") == "point_to_point"

    def test_dates_in_common_spellings_within_a_sane_span(self) -> None:
        assert parse(DATE, "2026年5月1日") == dt.date(2026, 5, 1)
        assert parse(DATE, "2026/05/01") == dt.date(2026, 5, 1)
        with pytest.raises(ParseError):
            parse(DATE, "9999-01-01")


class TestClean:
    def test_collects_every_error_and_reports_unknown_fields(self) -> None:
        cleaned = clean([TITLE, COUNT], {"title": "", "count": "x", "titel": "typo"})
        assert set(cleaned.errors) == {"title", "count", "titel"}

    def test_partial_leaves_absent_fields_alone(self) -> None:
        cleaned = clean([TITLE, COUNT], {"count": "3"}, partial=True)
        assert cleaned.values == {"count": 3} and not cleaned.errors
