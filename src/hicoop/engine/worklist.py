"""Pure rules of the foreign-talent work-permit negative list (外国人工作许可负面清单).

Three functions, no Django, no clock:

* :func:`decide` — which entries of one list version match a position (industry ancestry,
  occupation ancestry, position kind) and what follows: ``prohibited`` beats ``restricted``
  beats ``not_listed``; ties break by entry code. Every entry examined is in the trace.
* :func:`diff` — two versions entry by entry, keyed by what an entry covers: added, removed,
  tightened (restricted → prohibited, or more conditions), relaxed (the reverse), changed.
* :func:`score` — the national A/B/C estimate from a points table (外国人来华工作分类标准(试行)):
  each factor's points, capped, summed; A ≥ ``a_min``, B ≥ ``b_min``, else C.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PROHIBITED = "prohibited"
RESTRICTED = "restricted"
NOT_LISTED = "not_listed"
_SEVERITY = {NOT_LISTED: 0, RESTRICTED: 1, PROHIBITED: 2}


@dataclass(frozen=True)
class Rule:
    """One list entry: what it covers (blank = any) and the restriction."""

    code: str
    industry: str
    occupation: str = ""
    position_kind: str = ""
    restriction: str = RESTRICTED
    conditions: tuple[str, ...] = ()
    legal_reference: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.industry, self.occupation, self.position_kind)


@dataclass(frozen=True)
class Position:
    """A position to check: industry codes from the group up to its section, occupation code."""

    industries: tuple[str, ...]
    occupation: str = ""
    position_kind: str = ""


@dataclass(frozen=True)
class Examined:
    code: str
    matched: bool
    reason: str  # "industry", "occupation", "position_kind" (the first mismatch) or "match"


@dataclass(frozen=True)
class Decision:
    decision: str
    deciding: Rule | None
    conditions: tuple[str, ...]
    examined: tuple[Examined, ...]
    matched: tuple[Rule, ...] = ()


def occupation_ancestry(code: str) -> tuple[str, ...]:
    """GB/T 6565 codes nest by hyphen: ``2-02-07`` lies in ``2-02`` and ``2``."""
    parts = [p for p in code.strip().split("-") if p]
    return tuple("-".join(parts[: i + 1]) for i in range(len(parts)))


def _mismatch(
    rule: Rule, industries: frozenset[str], occupations: frozenset[str], kind: str
) -> str:
    if rule.industry and rule.industry not in industries:
        return "industry"
    if rule.occupation and rule.occupation not in occupations:
        return "occupation"
    if rule.position_kind and rule.position_kind != kind:
        return "position_kind"
    return ""


def decide(rules: Iterable[Rule], position: Position, *, trace: bool = True) -> Decision:
    """The decision of one list version for ``position``, with every entry examined.

    ``trace=False`` skips the per-entry record (the impact preview decides thousands of times).
    """
    industries = frozenset(position.industries)
    occupations = frozenset(occupation_ancestry(position.occupation))
    examined = []
    matched: list[Rule] = []
    for rule in sorted(rules, key=lambda r: r.code):
        why = _mismatch(rule, industries, occupations, position.position_kind)
        if trace:
            examined.append(Examined(rule.code, not why, why or "match"))
        if not why:
            matched.append(rule)
    if not matched:
        return Decision(NOT_LISTED, None, (), tuple(examined))
    # the most severe wins; among equals the first by entry code (matched is in code order)
    deciding = max(matched, key=lambda r: _SEVERITY.get(r.restriction, 0))
    conditions: list[str] = []
    if deciding.restriction == RESTRICTED:
        for rule in matched:
            conditions.extend(c for c in rule.conditions if c not in conditions)
    return Decision(
        deciding.restriction, deciding, tuple(conditions), tuple(examined), tuple(matched)
    )


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, tightened, relaxed, changed
    key: tuple[str, str, str]
    old: Rule | None
    new: Rule | None


def _compare(old: Rule, new: Rule) -> str:
    before, after = _SEVERITY[old.restriction], _SEVERITY[new.restriction]
    if after != before:
        return "tightened" if after > before else "relaxed"
    old_c, new_c = set(old.conditions), set(new.conditions)
    if new.restriction == RESTRICTED and old_c != new_c:
        if old_c < new_c:
            return "tightened"
        if new_c < old_c:
            return "relaxed"
        return "changed"
    if old.legal_reference != new.legal_reference:
        return "changed"
    return ""


def diff(old: Iterable[Rule], new: Iterable[Rule]) -> list[Change]:
    """Entry-by-entry changes from ``old`` to ``new``, in key order."""
    before = {r.key: r for r in old}
    after = {r.key: r for r in new}
    changes = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None:
            changes.append(Change("added", key, None, b))
        elif b is None:
            changes.append(Change("removed", key, a, None))
        else:
            kind = _compare(a, b)
            if kind:
                changes.append(Change(kind, key, a, b))
    return changes


# --- points --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """``points`` when ``low <= value < high`` (``high`` None = no upper bound)."""

    low: float
    high: float | None
    points: int


@dataclass(frozen=True)
class Factor:
    """A factor scored by numeric bands, by a choice of options, or per unit above a floor."""

    code: str
    cap: int
    bands: tuple[Band, ...] = ()
    options: Mapping[str, int] = field(default_factory=dict)
    multi: bool = False  # options add up (bonuses), still capped


@dataclass(frozen=True)
class PointsTable:
    version: str
    factors: tuple[Factor, ...]
    a_min: int = 85
    b_min: int = 60


@dataclass(frozen=True)
class FactorPoints:
    code: str
    answer: str
    points: int


@dataclass(frozen=True)
class Estimate:
    table: str
    total: int
    grade: str
    factors: tuple[FactorPoints, ...]


def _band_points(factor: Factor, value: float) -> int:
    for band in factor.bands:
        if value >= band.low and (band.high is None or value < band.high):
            return band.points
    return 0


def _factor_points(factor: Factor, answer: Any) -> int:
    if answer in (None, "", []):
        return 0
    if factor.bands:
        return min(factor.cap, _band_points(factor, float(answer)))
    values: Sequence[str] = answer if isinstance(answer, list | tuple) else [str(answer)]
    found = [factor.options.get(v, 0) for v in values]
    total = sum(found) if factor.multi else max(found, default=0)
    return min(factor.cap, total)


def score(table: PointsTable, answers: Mapping[str, Any]) -> Estimate:
    """Points per factor (capped), the sum and the class."""
    rows = []
    for factor in table.factors:
        answer = answers.get(factor.code)
        shown = ",".join(answer) if isinstance(answer, list | tuple) else str(answer or "")
        rows.append(FactorPoints(factor.code, shown, _factor_points(factor, answer)))
    total = sum(r.points for r in rows)
    grade = "A" if total >= table.a_min else "B" if total >= table.b_min else "C"
    return Estimate(table.version, total, grade, tuple(rows))


def table_from_data(data: Mapping[str, Any]) -> PointsTable:
    """A points table from its stored JSON form (see talent/data/points_2017.json)."""
    factors = []
    for f in data["factors"]:
        bands = tuple(
            Band(float(b[0]), None if b[1] is None else float(b[1]), int(b[2]))
            for b in f.get("bands", [])
        )
        factors.append(
            Factor(
                code=f["code"],
                cap=int(f["cap"]),
                bands=bands,
                options={k: int(v) for k, v in f.get("options", {}).items()},
                multi=bool(f.get("multi", False)),
            )
        )
    return PointsTable(
        version=str(data["version"]),
        factors=tuple(factors),
        a_min=int(data.get("a_min", 85)),
        b_min=int(data.get("b_min", 60)),
    )
