"""Comparing two versions of a text clause by clause (pure code, no Django).

Articles are aligned by their text, not their numbers, so an amendment that inserts an article
and renumbers the rest shows one added article and the renumbered ones as unchanged (moved).
Within a changed article the characters that differ are marked for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

SIMILAR = 0.45  # below this two articles are a removal plus an addition, not a change


@dataclass(frozen=True)
class Side:
    address: str
    text: str


@dataclass(frozen=True)
class Piece:
    """A run of text: ``equal``, ``insert`` (only in the new text) or ``delete`` (only in the old)."""

    op: str
    text: str


@dataclass(frozen=True)
class ClauseChange:
    status: str  # unchanged, changed, added, removed
    old: Side | None
    new: Side | None
    pieces: tuple[Piece, ...] = ()

    @property
    def address(self) -> str:
        side = self.new or self.old
        return side.address if side else ""

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.address != self.new.address)


def _key(text: str) -> str:
    return "".join(text.split())


def _ratio(a: str, b: str, floor: float) -> float:
    """Similarity of two texts, or 0 when its cheap upper bounds are already below ``floor``."""
    matcher = SequenceMatcher(None, _key(a), _key(b), autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def pieces(old: str, new: str) -> tuple[Piece, ...]:
    """Character-level differences of two texts."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    out: list[Piece] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Piece("equal", old[a1:a2]))
            continue
        if a2 > a1:
            out.append(Piece("delete", old[a1:a2]))
        if b2 > b1:
            out.append(Piece("insert", new[b1:b2]))
    return tuple(out)


def _pair_block(old: list[Side], new: list[Side]) -> list[ClauseChange]:
    """Pair the articles of a replaced block in order, each with its most similar partner."""
    out: list[ClauseChange] = []
    j = 0
    for o in old:
        best, best_ratio = None, SIMILAR
        for k in range(j, len(new)):
            ratio = _ratio(o.text, new[k].text, best_ratio)
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            out.append(ClauseChange("removed", o, None))
            continue
        out.extend(ClauseChange("added", None, n) for n in new[j:best])
        n = new[best]
        status = "unchanged" if _key(o.text) == _key(n.text) else "changed"
        out.append(
            ClauseChange(status, o, n, pieces(o.text, n.text) if status == "changed" else ())
        )
        j = best + 1
    out.extend(ClauseChange("added", None, n) for n in new[j:])
    return out


def compare(old: list[Side], new: list[Side]) -> list[ClauseChange]:
    """Every article of both versions, in the new version's order, with its change."""
    matcher = SequenceMatcher(
        None, [_key(s.text) for s in old], [_key(s.text) for s in new], autojunk=False
    )
    out: list[ClauseChange] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(
                ClauseChange("unchanged", o, n) for o, n in zip(old[a1:a2], new[b1:b2], strict=True)
            )
        elif op == "delete":
            out.extend(ClauseChange("removed", o, None) for o in old[a1:a2])
        elif op == "insert":
            out.extend(ClauseChange("added", None, n) for n in new[b1:b2])
        else:
            out.extend(_pair_block(old[a1:a2], new[b1:b2]))
    return out


def summary(changes: list[ClauseChange]) -> dict[str, int]:
    counts = {"unchanged": 0, "changed": 0, "added": 0, "removed": 0}
    for change in changes:
        counts[change.status] += 1
    return counts
