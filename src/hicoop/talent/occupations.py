"""GB/T 6565-2015 occupation major and middle groups the list uses (facts in data/occupations.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hicoop.taxonomy.models import pick_language

DATA = Path(__file__).resolve().parent / "data" / "occupations.json"


@cache
def _table() -> dict[str, tuple[str, str]]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["occupations"]
    return {r["code"]: (r["name"], r["name_en"]) for r in rows}


def codes() -> tuple[str, ...]:
    return tuple(_table())


def exists(code: str) -> bool:
    return code in _table()


def label(code: str) -> str:
    """``2-01 科学研究人员`` in the active language; blank for "any occupation"."""
    if not code:
        return ""
    found = _table().get(code)
    if found is None:
        return code
    return f"{code} {pick_language(*found)}"


def choices() -> list[tuple[str, str]]:
    return [(code, label(code)) for code in _table()]
