"""The 统一社会信用代码 check used by talent and the apps above it (reuses parties.uscc)."""

from __future__ import annotations

from hicoop.parties.uscc import normalise, problem


def uscc_problem(code: str) -> str | None:
    """``None`` when valid, else ``length``, ``characters`` or ``checksum``."""
    return problem(normalise(code))


def valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


__all__ = ["normalise", "uscc_problem", "valid_uscc"]
