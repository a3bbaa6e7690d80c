"""The one place where evaluation rows become engine types and back.

A run's snapshot is plain JSON: for each locality the measured value, numerator, denominator,
target, detail and records of each indicator. Scores are computed from the snapshot only, so a
stored run is replayed from it to the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from hicoop.engine.allocation import AllocationFormula
from hicoop.engine.evaluation_scoring import Observation, ScoringFormula


def dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def scoring_formula(parameters: Mapping[str, Any]) -> ScoringFormula:
    return ScoringFormula.from_dict(parameters)


def allocation_formula(parameters: Mapping[str, Any]) -> AllocationFormula:
    return AllocationFormula.from_dict(parameters)


def observations(snapshot: Mapping[str, Any]) -> list[Observation]:
    """Engine observations from a run's snapshot (locality codes are party ids as text)."""
    out = []
    for code, entry in sorted(snapshot.get("localities", {}).items()):
        for indicator, v in sorted(entry.get("values", {}).items()):
            out.append(
                Observation(
                    locality=code,
                    indicator=indicator,
                    value=dec(v.get("value")),
                    target=dec(v.get("target")),
                    detail=str(v.get("detail", "")),
                )
            )
    return out


def localities(snapshot: Mapping[str, Any]) -> list[str]:
    return sorted(snapshot.get("localities", {}))


def with_weights(formula: ScoringFormula, weights: Mapping[str, Decimal]) -> ScoringFormula:
    """The formula with some indicator weights replaced (a scenario's what-if)."""
    indicators = tuple(replace(i, weight=weights.get(i.code, i.weight)) for i in formula.indicators)
    return replace(formula, indicators=indicators, version=f"{formula.version}*")


def terms_json(terms: Any) -> list[dict[str, Any]]:
    return [
        {
            "indicator": t.indicator,
            "weight": text(t.weight),
            "normalised": text(t.normalised),
            "contribution": text(t.contribution),
            "value": text(t.value),
            "target": text(t.target),
            "detail": t.detail,
            "missing": t.missing,
        }
        for t in terms
    ]
