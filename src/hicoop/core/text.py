"""Text normalisation shared by every write path: Chinese text is stored in NFKC form."""

from __future__ import annotations

import unicodedata


def nfkc(text: str | None) -> str:
    """NFKC-normalised, stripped text (full-width letters and punctuation folded)."""
    return unicodedata.normalize("NFKC", text or "").strip()
