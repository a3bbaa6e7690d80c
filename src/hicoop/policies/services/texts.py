"""Storing a version's text as clauses with their search index."""

from __future__ import annotations

from dataclasses import dataclass

from hicoop.engine.text import Analyzer
from hicoop.listings.search import analyzer
from hicoop.policies import clauses
from hicoop.policies.models import Clause, PolicyVersion
from hicoop.policies.search import index_clause

_KIND_ORDER = ("chapter", "section", "article", "paragraph")


@dataclass
class PreparedText:
    """A parsed text with the search tokens of its articles, computed outside any transaction."""

    parsed: clauses.ParsedText
    tokens: dict[int, str]


def prepare(full_text: str, an: Analyzer | None = None) -> PreparedText:
    parsed = clauses.parse(full_text)
    an = an or analyzer()
    tokens = {
        i: index_clause(c.text, "", an) for i, c in enumerate(parsed.clauses) if c.kind == "article"
    }
    return PreparedText(parsed, tokens)


def write_clauses(version: PolicyVersion, prepared: PreparedText) -> int:
    """Replace the version's clauses; parents are written before their children."""
    Clause.objects.filter(version=version).delete()
    rows: dict[int, Clause] = {}
    parsed = prepared.parsed.clauses
    for kind in _KIND_ORDER:
        batch = []
        for index, item in enumerate(parsed):
            if item.kind != kind:
                continue
            row = Clause(
                version=version,
                parent=rows.get(item.parent) if item.parent is not None else None,
                kind=item.kind,
                ordinal=index,
                number=item.number,
                label=item.label[:40],
                address=item.address[:80],
                heading=item.heading[:200],
                text=item.text,
                search_tokens=prepared.tokens.get(index, ""),
            )
            rows[index] = row
            batch.append(row)
        Clause.objects.bulk_create(batch, batch_size=500)
    return len(rows)
