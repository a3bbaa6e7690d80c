"""Shared helpers for management commands: one place turns typed errors into a clean exit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.management.base import CommandError

from hicoop.core.exceptions import HicoopError

T = TypeVar("T")


def run_service(call: Callable[[], T]) -> T:
    """Run a service; a typed failure becomes a ``CommandError`` with every detail listed."""
    try:
        return call()
    except HicoopError as exc:
        raise CommandError(describe(exc)) from exc


def describe(exc: HicoopError) -> str:
    lines = [str(exc.message)]
    details: Any = exc.details
    if isinstance(details, dict):
        for field, messages in details.items():
            for message in messages if isinstance(messages, list) else [messages]:
                lines.append(f"  {field}: {message}")
    return "\n".join(lines)
