"""Extension points of the talent app for higher layers (credit, issue 15). Stable names:

* ``hicoop.talent.uscc.valid_uscc(code) -> bool`` and ``uscc_problem(code) -> str | None`` —
  the 统一社会信用代码 check (GB 32100-2015), reusing ``hicoop.parties.uscc``.
* Permits are identified by ``Permit.number`` (unique) and ``Permit.employer_uscc``; reads go
  through the scoped selectors, and callers mask through ``hicoop.talent.masking``.
* ``register_employer_grade_provider(fn)`` — ``fn(uscc: str)`` returns a credit grade label for
  an employer, or a mapping with a ``"label"`` key, or ``None``; the pre-check shows the first non-empty label
  (``employer_grade(uscc)``). Credit registers in its ``AppConfig.ready`` so talent never imports
  credit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

GradeProvider = Callable[[str], Any]

_providers: list[GradeProvider] = []


def register_employer_grade_provider(fn: GradeProvider) -> None:
    """Add a provider of employer credit-grade labels (idempotent)."""
    if fn not in _providers:
        _providers.append(fn)


def employer_grade(uscc: str) -> str | None:
    """The first label a provider gives for ``uscc``, or ``None``."""
    if not uscc:
        return None
    for fn in _providers:
        found = fn(uscc)
        label = found.get("label") if isinstance(found, Mapping) else found
        if label:
            return str(label)
    return None
