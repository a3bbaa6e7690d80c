"""The rendered-text scan itself (no browser): what it flags on English and Chinese pages."""

from __future__ import annotations

from .textscan import ALLOWED, chinese_ui, english_ui, findings, raw_codes


def test_an_english_page_flags_chinese_ui_strings_and_compound_codes() -> None:
    assert "待审核" in chinese_ui() and "in_progress" in raw_codes()
    texts = ["Status:", "待审核", "Point-to-point (点对点)", "licence granted", "in_progress"]
    found = findings(texts, english=True)
    assert any("'待审核'" in f for f in found)
    assert any("'in_progress'" in f for f in found)
    assert not any("点对点" in f or "licence" in f for f in found)


def test_a_chinese_page_flags_english_source_strings_and_every_code() -> None:
    assert "Submitted for review" in english_ui()
    texts = ["状态：", "Submitted for review", "已提交 submitted", "合作事项"]
    found = findings(texts, english=False)
    assert any("'Submitted for review'" in f for f in found)
    assert any("raw code 'submitted'" in f for f in found)
    assert not any("合作事项" in f for f in found)


def test_a_chinese_page_flags_a_lower_case_source_string_shown_with_a_capital() -> None:
    # column headings and labels show their msgids through capfirst ("kind of meeting")
    assert "kind of meeting" in english_ui()
    found = findings(["Kind of meeting", "会议类型"], english=False)
    assert any("'kind of meeting'" in f for f in found)
    assert not any("会议类型" in f for f in found)


def test_texts_a_test_created_are_ignored() -> None:
    assert findings(["待审核的样品"], english=True, ignore=["待审核的样品"]) == []


def test_allowed_references_are_cut_out_but_the_rest_of_the_node_is_scanned() -> None:
    assert "meeting reference" in ALLOWED and "推进会决定" in chinese_ui()
    assert findings(["2026年推进会决定第1项：Adjust the goals"], english=True) == []
    found = findings(["2026年推进会决定第1项：推进会决定"], english=True)
    assert any("'推进会决定'" in f for f in found)
