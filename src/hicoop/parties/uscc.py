"""Unified social credit code (统一社会信用代码) check per GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and upper-case letters without
I, O, S, V and Z); the last is a check character computed from the first seventeen with
weights 3**i mod 31.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


# Demo and test data use the administrative division 000000 (characters 3–8), which no real
# division has: such codes pass the check below (and are checked like any other) but can never
# be a real organisation's code. The registration authority and type (characters 1–2, e.g. 91 an
# enterprise, 12 a public institution) stay meaningful.
DEMO_DIVISION = "000000"


def is_demo(code: str) -> bool:
    return len(code) == 18 and code[2:8] == DEMO_DIVISION


def demo_code(kind: str, serial: str) -> str:
    """A valid reserved code: ``kind`` (two characters, e.g. "91") and a nine-character
    ``serial`` of the alphabet."""
    first17 = kind + DEMO_DIVISION + serial
    return first17 + check_character(first17)


def normalise(code: str) -> str:
    return unicodedata.normalize("NFKC", code).strip().upper()


def check_character(first17: str) -> str:
    """The check character for the first seventeen characters of a code."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Return ``None`` when ``code`` is valid, else a short machine-readable reason."""
    if len(code) != 18:
        return "length"
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        return "characters"
    if check_character(code[:17]) != code[17]:
        return "checksum"
    return None
