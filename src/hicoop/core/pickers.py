"""Searchable pickers: named lookup sources the apps register, searched by the lookup endpoint
(``core:pick``) and by the picker widget (``core.widgets.Picker``).

A source answers two questions for a user: which options match a typed query (a bounded list),
and which of some submitted values the user may choose (with their labels, for re-rendering).
The core knows no app; parties, taxonomy and listings register their sources when they start.
Matching is a substring match over the source's text columns, for every word of the query, in
the spellings the project's search uses (as typed, width-folded, ASCII punctuation widened),
case-insensitively; codes match from their start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet

from hicoop.core.text import nfkc, spellings

MAX_QUERY = 60
MAX_RESULTS = 12


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class QuerySource:
    """Options from a queryset scoped to the user (and the page's parameters, e.g. a kind)."""

    queryset: Callable[[Any, Mapping[str, str]], QuerySet[Any]]
    text_fields: tuple[str, ...]
    code_field: str
    value: Callable[[Any], str]
    label: Callable[[Any], str]
    detail: Callable[[Any], str] = lambda obj: ""
    value_field: str = "pk"

    def option(self, obj: Model) -> Option:
        return Option(self.value(obj), self.label(obj), self.detail(obj))

    def search(self, user: Any, query: str, params: Mapping[str, str]) -> list[Option]:
        words = nfkc(query).split()
        if not words:
            return []
        qs = self.queryset(user, params)
        for word in words:
            qs = qs.filter(self._matches(word))
        return [self.option(obj) for obj in qs.distinct()[:MAX_RESULTS]]

    def _matches(self, word: str) -> Q:
        found = Q(**{f"{self.code_field}__istartswith": word})
        for spelling in spellings(word):
            for name in self.text_fields:
                found |= Q(**{f"{name}__icontains": spelling})
        return found

    def chosen(self, user: Any, values: Iterable[str], params: Mapping[str, str]) -> list[Option]:
        """The options among ``values`` the user may choose, in the order given."""
        wanted = [str(v) for v in values if str(v).strip()]
        if self.value_field == "pk":
            wanted = [v for v in wanted if v.isdigit()]
        if not wanted:
            return []
        found = self.queryset(user, params).filter(**{f"{self.value_field}__in": wanted})
        by_value = {self.value(obj): self.option(obj) for obj in found}
        return [by_value[v] for v in dict.fromkeys(wanted) if v in by_value]


SOURCES: dict[str, QuerySource] = {}


def register(name: str, source: QuerySource) -> None:
    SOURCES[name] = source


def source(name: str) -> QuerySource | None:
    return SOURCES.get(name)
