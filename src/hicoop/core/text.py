"""Text as users typed it, and the folded form used only for search keys and comparisons.

Stored text keeps full-width punctuation (“技术指标：提取率≥85%，纯度≥95%；”, “（益智仁）”); only
outer whitespace is trimmed. Width folding (NFKC) is for search keys, lookups and parsing
numbers and dates — never for what is saved and shown.
"""

from __future__ import annotations

import unicodedata


def as_typed(text: str | None) -> str:
    """Stripped text, otherwise exactly as typed (what write paths store)."""
    return (text or "").strip()


def nfkc(text: str | None) -> str:
    """NFKC-folded, stripped text (full-width letters and punctuation folded).

    Only for search keys, lookups and parsing numbers, codes and dates — never stored as text.
    """
    return unicodedata.normalize("NFKC", text or "").strip()


_WIDE = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"})


def spellings(text: str | None) -> list[str]:
    """The spellings a typed reference may be stored under: as typed, width-folded, and with
    ASCII punctuation widened (“公司(示例)” finds “公司（示例）” and the reverse)."""
    typed = as_typed(text)
    found: list[str] = []
    for variant in (typed, nfkc(typed), nfkc(typed).translate(_WIDE)):
        if variant and variant not in found:
            found.append(variant)
    return found
