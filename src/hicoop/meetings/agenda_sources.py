"""Where the agenda comes from: a registry of sources, each collecting entries from one part of
the pipeline. The meetings app registers the cooperation and matchmaking sources; a higher app
(evaluation: the year's scores) registers its own in ``AppConfig.ready`` with
:func:`register_agenda_source`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Context:
    """What a source is asked: for which meeting, by whom, changes since when, as of which day."""

    meeting: Any
    user: Any
    since: dt.date
    on: dt.date


@dataclass(frozen=True)
class Entry:
    """One agenda entry a source proposes; ``key`` is unique per record (e.g. ``item:12``)."""

    key: str
    title: str
    body: str = ""
    url: str = ""


@dataclass(frozen=True)
class AgendaSource:
    code: str
    label: Any  # lazy text: the section's heading
    order: int
    collect: Callable[[Context], Iterable[Entry]]


SOURCES: dict[str, AgendaSource] = {}


def register_agenda_source(source: AgendaSource) -> None:
    SOURCES[source.code] = source


def ordered() -> list[AgendaSource]:
    return sorted(SOURCES.values(), key=lambda s: (s.order, s.code))


def section_label(code: str) -> str:
    from django.utils.translation import gettext as _

    source = SOURCES.get(code)
    return str(source.label) if source else _("Other business")
