"""Screening at registration: a new worker or employer compared with existing subjects by name
(Chinese and Latin script, fuzzy), identifier and date of birth.

Names are folded (NFKC, case-folded, punctuation and spaces dropped); Latin names are also
compared with their words sorted, so "ZHANG Wei" and "Wei Zhang" meet. Similarity is
``difflib``'s ratio (no pinyin: a Chinese and a Latin spelling of one name are not matched).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from hicoop.credit.models import Subject

NEAR = 0.82  # names at least this similar are shown to the officer
LIMIT = 10


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _words(name: str) -> str:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return "".join(sorted(words))


def similarity(a: str, b: str) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    best = SequenceMatcher(None, fa, fb).ratio()
    wa, wb = _words(a), _words(b)
    if wa != fa or wb != fb:
        best = max(best, SequenceMatcher(None, wa, wb).ratio())
    return round(best, 3)


@dataclass
class Near:
    subject: Subject
    similarity: float
    reasons: list[str] = field(default_factory=list)


def screen(
    *,
    kind: str,
    name: str,
    identifier: str = "",
    birth_date: dt.date | None = None,
    exclude: int | None = None,
) -> list[Near]:
    """Existing subjects of the same kind that may be the same person or employer."""
    found: dict[int, Near] = {}
    rows = Subject.objects.filter(kind=kind)
    if exclude:
        rows = rows.exclude(pk=exclude)
    key = fold(name)
    for subject in rows.only("pk", "name", "identifier", "birth_date", "nationality", "grade"):
        near = Near(subject, similarity(name, subject.name))
        if identifier and fold(identifier) == fold(subject.identifier):
            near.reasons.append(_("same identifier"))
        if near.similarity >= NEAR or (key and key == subject.name_key):
            near.reasons.append(_("similar name (%(p)d%%)") % {"p": round(near.similarity * 100)})
        if birth_date and subject.birth_date == birth_date and near.similarity >= 0.6:
            near.reasons.append(_("same date of birth"))
        if near.reasons:
            found[subject.pk] = near
    ordered = sorted(found.values(), key=lambda n: (-len(n.reasons), -n.similarity))
    return ordered[:LIMIT]
