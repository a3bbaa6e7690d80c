"""The clause parser and the clause-level diff (pure, no database)."""

from __future__ import annotations

import datetime as dt

from hicoop.policies import clauses, diffing

from .conftest import LAW_TEXT


class TestParse:
    def test_chapters_articles_paragraphs_and_items(self) -> None:
        parsed = clauses.parse(LAW_TEXT)
        kinds = [(c.kind, c.address) for c in parsed.clauses]
        assert ("chapter", "第一章") in kinds and ("article", "第四条") in kinds
        assert ("paragraph", "第二条第二款") in kinds
        fourth = next(c for c in parsed.clauses if c.address == "第四条第一款")
        assert "（二）续聘的" in fourth.text  # items stay in their paragraph

    def test_addresses_typed_with_digits_or_spaces(self) -> None:
        assert clauses.normalise_address("第15条 第2款") == "第十五条第二款"
        assert clauses.normalise_address("第一百一十五条") == "第一百一十五条"
        assert clauses.cn_number("一百零五") == 105 and clauses.cn_numeral(20) == "二十"

    def test_commencement_date_after_the_version_date(self) -> None:
        parsed = clauses.parse(LAW_TEXT + "\n第五条 本条例自2022年1月1日起施行。")
        assert clauses.effective_from(parsed, dt.date(2021, 12, 24)) == dt.date(2022, 1, 1)
        assert clauses.effective_from(parsed, dt.date(2015, 1, 1)) == dt.date(2015, 1, 1)


class TestDiff:
    def test_inserted_article_renumbers_without_false_changes(self) -> None:
        old = [diffing.Side("第一条", "甲乙丙丁。"), diffing.Side("第二条", "戊己庚辛。")]
        new = [
            diffing.Side("第一条", "甲乙丙丁。"),
            diffing.Side("第二条", "新增的一条内容。"),
            diffing.Side("第三条", "戊己庚辛壬。"),
        ]
        changes = diffing.compare(old, new)
        assert [c.status for c in changes] == ["unchanged", "added", "changed"]
        assert changes[2].renumbered
        assert diffing.Piece("insert", "壬") in changes[2].pieces
