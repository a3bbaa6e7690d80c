"""A label's colon follows the page's language: "状态：已发布" on Chinese pages, "Status: published"
on English ones — never an ASCII colon after Chinese words, nor a full-width one in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "hicoop"
# a translated label (or a capfirst block around one) followed by a literal colon
LITERAL_COLON = re.compile(r'(\{% translate "[^"]*" %\}|\{% endfilter %\}|\{% endif %\})(: |：)')


def test_no_template_writes_a_literal_colon_after_a_translated_label() -> None:
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.glob("*/templates/**/*.html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LITERAL_COLON.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("language", "shown"), [("zh-hans", "状态：已发布"), ("en", "Status: published")]
)
def test_the_separator_is_full_width_in_chinese_and_ascii_in_english(
    language: str, shown: str
) -> None:
    template = Template(
        '{% load i18n %}{% translate "Status" %}{% translate ": " context "after a label" %}'
        "{{ value }}"
    )
    value = "已发布" if language == "zh-hans" else "published"
    with translation.override(language):
        assert template.render(Context({"value": value})) == shown
