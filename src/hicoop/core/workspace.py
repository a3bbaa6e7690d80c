"""What waits for a user: every domain contributes the to-dos it knows of (interests to answer,
reports due, reviews, follow-up actions …) through a provider registered in ``AppConfig.ready``.
The workspace page and the joint office's inbox list them together, most urgent first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Todo:
    """One thing a user should do, linked to where it is done."""

    title: str
    url: str
    kind: str  # a short translated label, e.g. "需回复的合作意向"
    due: dt.date | None = None
    overdue: bool = False
    detail: str = ""


Provider = Callable[[Any, dt.date], Iterable[Todo]]
PROVIDERS: list[Provider] = []


def register_todos(provider: Provider) -> None:
    PROVIDERS.append(provider)


def todos_for(user: Any, on: dt.date) -> list[Todo]:
    """Every provider's to-dos for ``user`` on ``on``: overdue first, then by due date."""
    found = [todo for provider in PROVIDERS for todo in provider(user, on)]
    return sorted(found, key=lambda t: (not t.overdue, t.due or dt.date.max, t.title))


@dataclass(frozen=True)
class Row:
    """One line of a workspace section: a record of the user's organisation, linked."""

    title: str
    url: str
    status: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Section:
    """A block of the workspace (e.g. "Our demands"), filled by the app that owns the records."""

    key: str
    title: str
    rows: list[Row]
    more_url: str = ""
    empty: str = ""


SectionProvider = Callable[[Any, dt.date], Section | None]
SECTIONS: list[tuple[int, SectionProvider]] = []


def register_section(provider: SectionProvider, order: int = 50) -> None:
    SECTIONS.append((order, provider))
    SECTIONS.sort(key=lambda pair: pair[0])


def sections_for(user: Any, on: dt.date) -> list[Section]:
    """The workspace blocks every app has for ``user`` (in registration order)."""
    found = (provider(user, on) for _, provider in SECTIONS)
    return [section for section in found if section is not None]
