"""Matched terms as people read them.

Scoring uses character bigrams (试放, 酵工), which are fragments to a reader. For display, each
matched term grows into the longest stretch of text the demand and the record share around it,
trimmed to whole dictionary words at both ends (发酵工艺, 中试放大); fragments that are no
dictionary word and single characters are left out. Pure Python; the caller passes the word
segmentation (``Analyzer.segment``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from hicoop.engine.text import BIGRAM_PREFIX, normalize

_TEXTISH = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MAX_OCCURRENCES = 5


def _grow(term: str, query: str, record: str) -> str:
    """The longest stretch around ``term`` that both texts contain."""
    best = term
    start = 0
    for _ in range(_MAX_OCCURRENCES):
        i = query.find(term, start)
        if i < 0:
            break
        j = i + len(term)
        while j < len(query) and _TEXTISH.match(query[j]) and query[i : j + 1] in record:
            j += 1
        while i > 0 and _TEXTISH.match(query[i - 1]) and query[i - 1 : j] in record:
            i -= 1
        if j - i > len(best):
            best = query[i:j]
        start = query.find(term, start) + 1
    return best


def _trim(phrase: str, segment: Callable[[str], list[str]], is_word: Callable[[str], bool]) -> str:
    """Drop leading and trailing pieces that are not words (single characters, function words)."""
    pieces = [p for p in segment(phrase) if p.strip()]
    while pieces and not (len(pieces[0]) > 1 and is_word(pieces[0])):
        pieces.pop(0)
    while pieces and not (len(pieces[-1]) > 1 and is_word(pieces[-1])):
        pieces.pop()
    return "".join(pieces)


def shared_phrases(
    matched: Iterable[str],
    query: str,
    record: str,
    *,
    segment: Callable[[str], list[str]],
    is_word: Callable[[str], bool],
    limit: int = 8,
) -> list[str]:
    """Whole words and phrases behind ``matched`` terms, longest first, no fragment repeated."""
    q, r = normalize(query), normalize(record)
    found: list[str] = []
    for term in matched:
        term = normalize(term.lstrip(BIGRAM_PREFIX))
        if not term:
            continue
        phrase = _grow(term, q, r) if term in q and term in r else term
        phrase = _trim(phrase, segment, is_word) if len(phrase) > 1 else ""
        if len(phrase) > 1 and phrase not in found:
            found.append(phrase)
    found.sort(key=len, reverse=True)
    kept: list[str] = []
    for phrase in found:
        if not any(phrase in longer for longer in kept):
            kept.append(phrase)
    return kept[:limit]


def readable_terms(matched: Sequence[str]) -> list[str]:
    """Without the texts: only whole terms (no bigram fragments, no single characters)."""
    return [t for t in matched if t and t[0] != BIGRAM_PREFIX and len(t) > 1]
