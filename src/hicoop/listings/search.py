"""Chinese full-text search over titles, bodies and keywords.

Each record stores its distinct search terms (jieba words with the taxonomy as a user
dictionary, plus character bigrams of words longer than two characters) in ``search_tokens``
as `` term term term ``. A query is analysed the same way; candidates are found in the database
by term containment (so scoping and facets stay in SQL), then ranked by a BM25-like score
with the title counted double, and matched terms are highlighted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hicoop.core.text import nfkc
from hicoop.engine.text import Analyzer, AnalyzerConfig, normalize
from hicoop.taxonomy.models import Field

MAX_CANDIDATES = 5000


@lru_cache(maxsize=4)
def _analyzer(terms: tuple[str, ...]) -> Analyzer:
    return Analyzer(AnalyzerConfig(user_terms=terms, bigrams=False))


def analyzer() -> Analyzer:
    """An analyzer whose user dictionary is the current taxonomy (names and keywords)."""
    terms: set[str] = set()
    for name, keywords in Field.objects.values_list("name", "keywords"):
        terms.add(name)
        terms.update(keywords or [])
    return _analyzer(tuple(sorted(terms)))


def _grams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)] if len(word) > 2 else []


def terms_of(text: str, an: Analyzer | None = None) -> list[str]:
    """Distinct search terms of ``text`` in order of appearance."""
    an = an or analyzer()
    out: list[str] = []
    for word in an.words(text):
        for term in (word, *_grams(word)):
            if term not in out:
                out.append(term)
    return out


def index_text(title: str, keywords: Iterable[str], body: str, an: Analyzer | None = None) -> str:
    """The ``search_tokens`` value of a record."""
    an = an or analyzer()
    terms = terms_of(" ".join([title, *keywords, body]), an)
    return f" {' '.join(terms)} " if terms else ""


MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 24


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        # Bounded (issue 11): a 600-word query built an SQL expression too deep for SQLite.
        cleaned = nfkc(text[:MAX_QUERY_CHARS])
        found = analyzer().words(cleaned) if cleaned else ()
        words = tuple(dict.fromkeys(found))[:MAX_QUERY_TERMS]
        if cleaned and not words:
            words = (normalize(cleaned),)
        return cls(cleaned, words)


def candidates(qs: QuerySet[Any], query: Query) -> QuerySet[Any]:
    """Records containing at least one query word (or one of its bigrams)."""
    condition = Q(pk__in=[])
    for word in query.terms:
        condition |= Q(search_tokens__contains=f" {word} ")
        for gram in _grams(word):
            condition |= Q(search_tokens__contains=f" {gram} ")
    return qs.filter(condition)


def rank(records: Sequence[Any], query: Query) -> list[Any]:
    """Records ordered by relevance (ties: newest first), each with ``score``, ``matched`` and
    ``partial``: a record that contains none of the query's words whole, only a fragment of one
    (量子计算机 → 计算), is a partial match and ranks below every full match."""
    docs = [(r, set(r.search_tokens.split())) for r in records]
    n = max(len(docs), 1)
    an = analyzer()
    idf = {w: math.log(1 + n / (sum(1 for _, t in docs if w in t) or 1)) for w in query.terms}
    for record, tokens in docs:
        title_terms = set(terms_of(record.title, an))
        record.partial = not any(word in tokens for word in query.terms)
        score, matched = 0.0, []
        for word in query.terms:
            grams = _grams(word)
            partial = [g for g in grams if g in tokens]
            if word in tokens:
                matched.append(word)
                share = 1.0
            elif partial:
                matched.extend(partial)
                share = 0.4 * len(partial) / len(grams)
            else:
                continue
            score += idf[word] * share * (2.0 if word in title_terms else 1.0)
        record.score = round(score, 4)
        record.matched = matched
    ranked = [r for r, _ in docs]
    ranked.sort(key=lambda r: (r.partial, -r.score, -r.updated_at.timestamp(), -r.pk))
    return ranked


def highlight(text: str, words: Iterable[str], limit: int | None = None) -> SafeString:
    """``text`` escaped for HTML with every matched word wrapped in ``<mark>``."""
    text = text[:limit] + ("…" if limit and len(text) > limit else "") if limit else text
    wanted = sorted({w for w in words if w}, key=len, reverse=True)
    if not wanted:
        return mark_safe(escape(text))  # escaped just before
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        pieces.append(escape(text[last : m.start()]))
        pieces.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece is escaped
