"""The guidance-fund allocation factor: a pot in 万元 split into per-locality shares (pure).

    weight_i = base_share / n + (1 − base_share) × score_i / Σ score
    share_i  = clamp(λ × weight_i, floor_i, cap_i)   with λ chosen so that Σ share_i = pot

λ is found exactly (rational arithmetic over the piecewise-linear sum), then the shares are
turned into whole fen (1 万元 = 1 000 000 fen) by the largest-remainder method, ties to the lower
locality code, so the shares always sum to the pot to the fen and stay within floors and caps.
The same inputs always give the same fen: an adopted allocation is replayed from its inputs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

FEN_PER_WAN = 1_000_000


class AllocationError(ValueError):
    """The pot cannot be split under these floors and caps (the message says why)."""


@dataclass(frozen=True)
class AllocationFormula:
    """One version of the allocation parameters, in force from ``effective_from``."""

    version: str
    effective_from: dt.date
    base_share: Decimal = Decimal("0.3")
    floor_wan: Decimal = Decimal(0)  # default floor for every locality
    cap_wan: Decimal | None = None  # default cap; None is no cap
    floors: Mapping[str, Decimal] = field(default_factory=dict)  # per-locality floors
    caps: Mapping[str, Decimal] = field(default_factory=dict)  # per-locality caps

    def check(self) -> None:
        if not (0 <= self.base_share <= 1):
            raise AllocationError("the base share is between 0 and 1")
        amounts = [self.floor_wan, *self.floors.values(), *self.caps.values()]
        if self.cap_wan is not None:
            amounts.append(self.cap_wan)
        if any(a < 0 for a in amounts):
            raise AllocationError("floors and caps cannot be negative")
        if any(to_fen(a) != a * FEN_PER_WAN for a in amounts):
            raise AllocationError("floors and caps are whole fen (at most 6 decimals of 万元)")

    def floor_of(self, locality: str) -> int:
        return to_fen(self.floors.get(locality, self.floor_wan))

    def cap_of(self, locality: str) -> int | None:
        cap = self.caps.get(locality, self.cap_wan)
        return None if cap is None else to_fen(cap)

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "effective_from": self.effective_from.isoformat(),
            "base_share": str(self.base_share),
            "floor_wan": str(self.floor_wan),
            "cap_wan": None if self.cap_wan is None else str(self.cap_wan),
            "floors": {k: str(v) for k, v in sorted(self.floors.items())},
            "caps": {k: str(v) for k, v in sorted(self.caps.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> AllocationFormula:
        floors = data.get("floors") or {}
        caps = data.get("caps") or {}
        assert isinstance(floors, dict) and isinstance(caps, dict)
        cap = data.get("cap_wan")
        return cls(
            version=str(data["version"]),
            effective_from=dt.date.fromisoformat(str(data["effective_from"])),
            base_share=Decimal(str(data.get("base_share", "0.3"))),
            floor_wan=Decimal(str(data.get("floor_wan", "0"))),
            cap_wan=None if cap is None else Decimal(str(cap)),
            floors={str(k): Decimal(str(v)) for k, v in floors.items()},
            caps={str(k): Decimal(str(v)) for k, v in caps.items()},
        )


@dataclass(frozen=True)
class Share:
    locality: str
    fen: int
    score: Decimal
    weight: Fraction
    ideal: Fraction  # λ × weight before floors and caps, in fen
    bound: str = ""  # "floor" or "cap" when a bound decided the share

    @property
    def wan(self) -> Decimal:
        return Decimal(self.fen) / FEN_PER_WAN

    def explain(self) -> str:
        text = f"{self.wan} 万元: {float(self.weight):.4%} × λ"
        return text + (f" → {self.bound}" if self.bound else "")


@dataclass(frozen=True)
class Allocation:
    pot_fen: int
    shares: tuple[Share, ...]
    formula_version: str

    @property
    def total_fen(self) -> int:
        return sum(s.fen for s in self.shares)

    def by_locality(self) -> dict[str, int]:
        return {s.locality: s.fen for s in self.shares}


def to_fen(wan: Decimal) -> int:
    """万元 → whole fen (truncated; callers check that amounts are whole fen)."""
    return int(wan * FEN_PER_WAN)


def allocate(
    formula: AllocationFormula, pot_wan: Decimal, scores: Mapping[str, Decimal]
) -> Allocation:
    """Split ``pot_wan`` among the localities of ``scores`` (keys are locality codes)."""
    formula.check()
    if pot_wan < 0 or to_fen(pot_wan) != pot_wan * FEN_PER_WAN:
        raise AllocationError("the pot is a non-negative amount in whole fen")
    if not scores:
        raise AllocationError("no locality to allocate to")
    if any(s < 0 for s in scores.values()):
        raise AllocationError("scores cannot be negative")
    codes = sorted(scores)
    pot = to_fen(pot_wan)
    weights = _weights(formula, codes, scores)
    floors = {c: Fraction(formula.floor_of(c)) for c in codes}
    caps = {c: _cap(formula.cap_of(c)) for c in codes}
    _check_feasible(pot, floors, caps)
    lam = _solve_lambda(pot, codes, weights, floors, caps)
    exact = {c: _clamp(lam * weights[c], floors[c], caps[c]) for c in codes}
    fen = _largest_remainder(pot, codes, exact)
    shares = tuple(
        Share(
            locality=c,
            fen=fen[c],
            score=scores[c],
            weight=weights[c],
            ideal=lam * weights[c],
            bound=_bound(lam * weights[c], floors[c], caps[c]),
        )
        for c in codes
    )
    return Allocation(pot, shares, formula.version)


def _cap(cap: int | None) -> Fraction | None:
    return None if cap is None else Fraction(cap)


def _weights(
    formula: AllocationFormula, codes: list[str], scores: Mapping[str, Decimal]
) -> dict[str, Fraction]:
    n = len(codes)
    base = Fraction(formula.base_share)
    total = sum((Fraction(scores[c]) for c in codes), Fraction(0))
    if total == 0:
        return {c: Fraction(1, n) for c in codes}
    return {c: base / n + (1 - base) * Fraction(scores[c]) / total for c in codes}


def _check_feasible(
    pot: int, floors: Mapping[str, Fraction], caps: Mapping[str, Fraction | None]
) -> None:
    for code, cap in caps.items():
        if cap is not None and cap < floors[code]:
            raise AllocationError(f"the cap of {code} is below its floor")
    if sum(floors.values()) > pot:
        raise AllocationError("the floors add up to more than the pot")
    if all(c is not None for c in caps.values()) and sum(c for c in caps.values() if c) < pot:
        raise AllocationError("the caps add up to less than the pot")


def _clamp(value: Fraction, low: Fraction, high: Fraction | None) -> Fraction:
    value = max(value, low)
    return value if high is None else min(value, high)


def _bound(ideal: Fraction, low: Fraction, high: Fraction | None) -> str:
    if ideal < low:
        return "floor"
    if high is not None and ideal > high:
        return "cap"
    return ""


def _solve_lambda(
    pot: int,
    codes: list[str],
    weights: Mapping[str, Fraction],
    floors: Mapping[str, Fraction],
    caps: Mapping[str, Fraction | None],
) -> Fraction:
    """The λ ≥ 0 with Σ clamp(λ·w, floor, cap) = pot, exactly (the sum is monotone, piecewise linear)."""

    def total(lam: Fraction) -> Fraction:
        return sum((_clamp(lam * weights[c], floors[c], caps[c]) for c in codes), Fraction(0))

    points = {Fraction(0)}
    for c in codes:
        if weights[c] > 0:
            points.add(floors[c] / weights[c])
            cap = caps[c]
            if cap is not None:
                points.add(cap / weights[c])
    ordered = sorted(points)
    # The sum is monotone in λ: bisect for the last breakpoint whose sum is still ≤ pot
    # (O(n log n) evaluations instead of one per breakpoint).
    lo, hi = 0, len(ordered) - 1
    if total(ordered[hi]) <= pot:
        lo = hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if total(ordered[mid]) <= pot:
            lo = mid
        else:
            hi = mid - 1
    start, t_start = ordered[lo], total(ordered[lo])
    if t_start == pot:
        return start
    if lo + 1 < len(ordered):
        end = ordered[lo + 1]
        return start + (end - start) * (pot - t_start) / (total(end) - t_start)
    # Beyond the last breakpoint only uncapped localities grow, linearly.
    slope = sum((weights[c] for c in codes if caps[c] is None), Fraction(0))
    if slope == 0:
        raise AllocationError("the caps add up to less than the pot")
    return start + (pot - t_start) / slope


def _largest_remainder(pot: int, codes: list[str], exact: Mapping[str, Fraction]) -> dict[str, int]:
    fen = {c: int(exact[c]) for c in codes}  # floor: exact values are non-negative
    left = pot - sum(fen.values())
    by_remainder = sorted(codes, key=lambda c: (-(exact[c] - fen[c]), c))
    for code in by_remainder[:left]:
        fen[code] += 1
    return fen
