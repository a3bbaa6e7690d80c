"""Chinese full-text search over policy titles, summaries and clauses.

The same analysis as the listings' search (``hicoop.listings.search``: jieba words with the
taxonomy as user dictionary, plus bigrams of longer words), stored per policy and per article in
``search_tokens`` so candidates are found in SQL on SQLite and PostgreSQL alike, then ranked in
Python with IDF weights; matched words are highlighted in the clause text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hicoop.engine.text import Analyzer
from hicoop.listings import search as text_search
from hicoop.listings.search import Query, highlight

MAX_CLAUSE_CANDIDATES = 4000

__all__ = ["Query", "highlight", "index_clause", "index_policy", "rank_clauses"]


def _grams(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(len(word) - 1)] if len(word) > 2 else []


def index_policy(
    title: str, parts: Iterable[str], body: str = "", an: Analyzer | None = None
) -> str:
    """``search_tokens`` of a policy: title, document number, issuer, tags, summaries."""
    return text_search.index_text(title, list(parts), body, an)


def index_clause(text: str, heading: str = "", an: Analyzer | None = None) -> str:
    return text_search.index_text(heading, [], text, an)


def matches(tokens: str, query: Query) -> tuple[float, list[str]]:
    """A record's raw score (share of query words found) and the words it matched."""
    found = set(tokens.split())
    score, matched = 0.0, []
    for word in query.terms:
        grams = _grams(word)
        partial = [g for g in grams if g in found]
        if word in found:
            matched.append(word)
            score += 1.0
        elif partial:
            matched.extend(partial)
            score += 0.4 * len(partial) / len(grams)
    return score, matched


@dataclass
class ClauseHit:
    clause_id: int
    version_id: int
    score: float
    matched: list[str]


def rank_clauses(rows: Sequence[tuple[int, int, str]], query: Query) -> list[ClauseHit]:
    """Rank (clause id, version id, tokens) rows by IDF-weighted word hits; ties by position."""
    n = max(len(rows), 1)
    token_sets = [set(tokens.split()) for _, _, tokens in rows]
    idf = {w: math.log(1 + n / (sum(1 for t in token_sets if w in t) or 1)) for w in query.terms}
    hits = []
    for (clause_id, version_id, _tokens), found in zip(rows, token_sets, strict=True):
        score, matched = 0.0, []
        for word in query.terms:
            grams = _grams(word)
            partial = [g for g in grams if g in found]
            if word in found:
                matched.append(word)
                score += idf[word]
            elif partial:
                matched.extend(partial)
                score += idf[word] * 0.4 * len(partial) / len(grams)
        if score > 0:
            hits.append(ClauseHit(clause_id, version_id, round(score, 4), matched))
    hits.sort(key=lambda h: (-h.score, h.clause_id))
    return hits


def candidates(qs: QuerySet[Any], query: Query) -> QuerySet[Any]:
    return text_search.candidates(qs, query)
