"""TEMPORARY bridge to the platform kit until it lands on this branch (removed at the merge)."""

from typing import Any

try:
    from hicoop.core.actors import MATCHING
except ImportError:
    MATCHING: Any = None  # type: ignore[no-redef]
