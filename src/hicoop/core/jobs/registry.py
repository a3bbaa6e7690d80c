"""Job kinds: each app declares its long-running work in its ``jobs.py`` with :func:`job_handler`.

A handler takes the job row and a :class:`~hicoop.core.jobs.runner.Progress`, does its work
(writes through services, each one transaction) and returns a small JSON-able result; a ``url``
key in the result becomes the job's result link. A typed ``HicoopError`` becomes the job's clear
error message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: Any
    handler: Handler


@dataclass(frozen=True)
class Periodic:
    """A job kind the scheduler enqueues by itself: every N minutes or daily at a time."""

    kind: str
    every_minutes: int = 0
    daily_at: str = ""  # "HH:MM", local time


KINDS: dict[str, JobKind] = {}
PERIODIC: dict[str, Periodic] = {}


def job_handler(name: str, *, label: Any) -> Callable[[Handler], Handler]:
    """Register ``handler`` as the job kind ``name`` (shown to users as ``label``)."""

    def register(handler: Handler) -> Handler:
        KINDS[name] = JobKind(name=name, label=label, handler=handler)
        return handler

    return register


def register_periodic(kind: str, *, every_minutes: int = 0, daily_at: str = "") -> None:
    if bool(every_minutes) == bool(daily_at):
        raise ValueError("give either every_minutes or daily_at")
    PERIODIC[kind] = Periodic(kind=kind, every_minutes=every_minutes, daily_at=daily_at)


def kind_label(name: str) -> str:
    kind = KINDS.get(name)
    return str(kind.label) if kind else name
