"""Scores of localities from indicator values under a versioned scoring formula (pure).

A formula is data: indicator weights (summing to 1), a normalisation, bounds and a missing-data
rule. Every number is a ``Decimal`` so a score computed again from the stored inputs is the same
to the last digit, and an explanation adds up:

    score = clamp(Σ weight_i × normalised_i, low, high), rounded to one decimal
    normalised_i (target)  = clamp(100 × attainment_i, 0, 100 × cap)
        attainment = value / target (higher is better) or target / value (lower is better)
    normalised_i (min–max) = 100 × (value − min) / (max − min) across the localities
        (reversed when lower is better; 100 for everyone when all values are equal)

Normalised values are rounded to one decimal before they are weighted, so the explanation
"82.4 = 0.3 × 91.0 (…) + 0.7 × 78.7 (…)" is exactly the rounded sum of what it shows.

Missing data: ``zero`` scores a missing indicator 0; ``renormalise`` drops it and rescales the
other weights to sum to 1 (the rescaled weights are shown); ``mean`` uses the mean normalised
value of the localities that have it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TARGET = "target"
MIN_MAX = "min_max"
NORMALISATIONS = (TARGET, MIN_MAX)
MISSING_ZERO = "zero"
MISSING_RENORMALISE = "renormalise"
MISSING_MEAN = "mean"
MISSING_RULES = (MISSING_ZERO, MISSING_RENORMALISE, MISSING_MEAN)
HIGHER = "higher"
LOWER = "lower"

ONE_DECIMAL = Decimal("0.1")
WEIGHT_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)


class FormulaError(ValueError):
    """A formula or its inputs cannot produce scores (the message says why)."""


@dataclass(frozen=True)
class WeightedIndicator:
    code: str
    weight: Decimal
    direction: str = HIGHER


@dataclass(frozen=True)
class ScoringFormula:
    """One version of the scoring parameters, in force from ``effective_from``."""

    version: str
    effective_from: dt.date
    indicators: tuple[WeightedIndicator, ...]
    normalisation: str = TARGET
    cap: Decimal = Decimal(1)
    low: Decimal = Decimal(0)
    high: Decimal = HUNDRED
    missing: str = MISSING_ZERO

    def check(self) -> None:
        """Raise ``FormulaError`` when the parameters cannot be used."""
        if not self.indicators:
            raise FormulaError("a formula needs at least one indicator")
        codes = [i.code for i in self.indicators]
        if len(set(codes)) != len(codes):
            raise FormulaError("an indicator appears twice")
        if any(i.weight < 0 for i in self.indicators):
            raise FormulaError("weights cannot be negative")
        if sum((i.weight for i in self.indicators), Decimal(0)) != 1:
            raise FormulaError("weights must sum to 1")
        if any(i.direction not in (HIGHER, LOWER) for i in self.indicators):
            raise FormulaError("direction is 'higher' or 'lower'")
        if self.normalisation not in NORMALISATIONS:
            raise FormulaError("unknown normalisation")
        if self.missing not in MISSING_RULES:
            raise FormulaError("unknown missing-data rule")
        if not (self.cap > 0 and self.low < self.high):
            raise FormulaError("the cap must be positive and the low bound below the high one")

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready form, stored with every score it produces."""
        return {
            "version": self.version,
            "effective_from": self.effective_from.isoformat(),
            "indicators": [
                {"code": i.code, "weight": str(i.weight), "direction": i.direction}
                for i in self.indicators
            ],
            "normalisation": self.normalisation,
            "cap": str(self.cap),
            "low": str(self.low),
            "high": str(self.high),
            "missing": self.missing,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ScoringFormula:
        items = data["indicators"]
        assert isinstance(items, list)
        return cls(
            version=str(data["version"]),
            effective_from=dt.date.fromisoformat(str(data["effective_from"])),
            indicators=tuple(
                WeightedIndicator(
                    str(i["code"]), Decimal(str(i["weight"])), str(i.get("direction", HIGHER))
                )
                for i in items
            ),
            normalisation=str(data.get("normalisation", TARGET)),
            cap=Decimal(str(data.get("cap", "1"))),
            low=Decimal(str(data.get("low", "0"))),
            high=Decimal(str(data.get("high", "100"))),
            missing=str(data.get("missing", MISSING_ZERO)),
        )


@dataclass(frozen=True)
class Observation:
    """The value of one indicator for one locality (``value`` None when missing)."""

    locality: str
    indicator: str
    value: Decimal | None
    target: Decimal | None = None
    detail: str = ""  # how the value came about, e.g. "11/12"


@dataclass(frozen=True)
class Term:
    indicator: str
    weight: Decimal
    normalised: Decimal
    value: Decimal | None
    target: Decimal | None
    detail: str
    missing: bool = False

    @property
    def contribution(self) -> Decimal:
        return self.weight * self.normalised


@dataclass(frozen=True)
class LocalityScore:
    locality: str
    score: Decimal
    terms: tuple[Term, ...]
    formula_version: str
    clamped: bool = False
    missing: tuple[str, ...] = field(default=())

    def explain(self, labels: Mapping[str, str] | None = None) -> str:
        """ "82.4 = 0.3 × 91.0 (items completed 11/12) + …" with the given indicator labels."""
        labels = labels or {}
        parts = []
        for t in self.terms:
            name = labels.get(t.indicator, t.indicator)
            note = f"{name} {t.detail}".strip() if t.detail else name
            parts.append(f"{_plain(t.weight)} × {t.normalised} ({note})")
        text = f"{self.score} = " + " + ".join(parts)
        return text + (" (bounded)" if self.clamped else "")


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(value, high))


def _attainment(obs: Observation, direction: str) -> Decimal | None:
    if obs.value is None or obs.target is None or obs.target <= 0:
        return None
    if direction == HIGHER:
        return obs.value / obs.target
    return obs.target / obs.value if obs.value > 0 else None


def _normalise(
    formula: ScoringFormula, spec: WeightedIndicator, observations: list[Observation]
) -> dict[str, Decimal]:
    """Normalised value (0…100·cap, one decimal) per locality that has a usable value."""
    if formula.normalisation == TARGET:
        out = {}
        for obs in observations:
            att = _attainment(obs, spec.direction)
            if att is not None:
                out[obs.locality] = _round1(
                    _clamp(HUNDRED * att, Decimal(0), HUNDRED * formula.cap)
                )
        return out
    known = [o for o in observations if o.value is not None]
    if not known:
        return {}
    values = [o.value for o in known if o.value is not None]
    lo, hi = min(values), max(values)
    out = {}
    for obs in known:
        assert obs.value is not None
        if hi == lo:
            out[obs.locality] = HUNDRED
            continue
        share = (obs.value - lo) / (hi - lo)
        if spec.direction == LOWER:
            share = 1 - share
        out[obs.locality] = _round1(HUNDRED * share)
    return out


def score_localities(
    formula: ScoringFormula, localities: Iterable[str], observations: Iterable[Observation]
) -> tuple[LocalityScore, ...]:
    """Score every locality (sorted by code) from the observations under ``formula``."""
    formula.check()
    codes = sorted(set(localities))
    wanted = set(codes)
    by_indicator: dict[str, list[Observation]] = {}
    for obs in observations:
        if obs.locality in wanted:
            by_indicator.setdefault(obs.indicator, []).append(obs)
    norms = {
        s.code: _normalise(formula, s, by_indicator.get(s.code, [])) for s in formula.indicators
    }
    lookup = {(o.locality, o.indicator): o for group in by_indicator.values() for o in group}
    return tuple(_score_one(formula, code, norms, lookup) for code in codes)


def _score_one(
    formula: ScoringFormula,
    locality: str,
    norms: Mapping[str, Mapping[str, Decimal]],
    lookup: Mapping[tuple[str, str], Observation],
) -> LocalityScore:
    weights = _effective_weights(formula, locality, norms)
    terms = []
    missing = []
    for spec in formula.indicators:
        obs = lookup.get((locality, spec.code))
        value = norms[spec.code].get(locality)
        if value is None:
            missing.append(spec.code)
            if spec.code not in weights:
                continue
            value = _fill(formula, norms[spec.code])
        terms.append(
            Term(
                indicator=spec.code,
                weight=weights[spec.code],
                normalised=value,
                value=obs.value if obs else None,
                target=obs.target if obs else None,
                detail=obs.detail if obs else "",
                missing=spec.code in missing,
            )
        )
    raw = _round1(sum((t.contribution for t in terms), Decimal(0)))
    score = _clamp(raw, formula.low, formula.high)
    return LocalityScore(
        locality, score, tuple(terms), formula.version, score != raw, tuple(missing)
    )


def _effective_weights(
    formula: ScoringFormula, locality: str, norms: Mapping[str, Mapping[str, Decimal]]
) -> dict[str, Decimal]:
    weights = {s.code: s.weight for s in formula.indicators}
    if formula.missing != MISSING_RENORMALISE:
        return weights
    present = {c: w for c, w in weights.items() if locality in norms[c]}
    total = sum(present.values(), Decimal(0))
    if total == 0:
        return weights
    scaled = {
        c: (w / total).quantize(WEIGHT_PLACES, rounding=ROUND_HALF_UP) for c, w in present.items()
    }
    # Rounding may leave the scaled weights a ten-thousandth off 1; the largest takes it up.
    drift = Decimal(1) - sum(scaled.values(), Decimal(0))
    if drift:
        biggest = max(sorted(scaled), key=lambda c: scaled[c])
        scaled[biggest] += drift
    return scaled


def _fill(formula: ScoringFormula, norms: Mapping[str, Decimal]) -> Decimal:
    if formula.missing == MISSING_MEAN and norms:
        return _round1(sum(norms.values(), Decimal(0)) / len(norms))
    return Decimal(0)
