"""The report's chapters as a registry of small provider functions (ADR 0045).

A provider takes a :class:`Context` and returns a :class:`~hicoop.reports.snapshot.Section`.
When a domain has no data for the year — or its app has no selectors yet (an ``ImportError``) —
the section says so instead of failing, so the report is whole whatever is installed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hicoop.reports.snapshot import Section


@dataclass(frozen=True)
class Context:
    user: Any
    year: int
    on: dt.date
    within: str  # a party's tree path; "" for the whole mechanism
    scope_kind: str


Provider = Callable[[Context], Section]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: Callable[[], str]
    provider: Provider
    order: int


SECTIONS: dict[str, SectionSpec] = {}


def register(key: str, title: Callable[[], str], order: int) -> Callable[[Provider], Provider]:
    def add(provider: Provider) -> Provider:
        SECTIONS[key] = SectionSpec(key=key, title=title, provider=provider, order=order)
        return provider

    return add


def no_data(key: str, title: str, note: str = "") -> Section:
    """The section of a domain without data for the year (or not installed yet)."""
    return Section(key=key, title=title, available=False, note=note or no_data_text())


def no_data_text() -> str:
    return _("No data yet for this year.")


def build(ctx: Context) -> tuple[Section, ...]:
    """Every registered section in order; an app without selectors gives a no-data section."""
    found = []
    for spec in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key)):
        try:
            found.append(spec.provider(ctx))
        except ImportError:
            found.append(no_data(spec.key, spec.title()))
    return tuple(found)
