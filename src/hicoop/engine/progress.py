"""Progress of cooperation items and key tasks, and its weighted roll-up (pure).

progress = ½ · milestone share + ½ · indicator attainment when an item has both, else whichever
it has, else 0; a completed item counts as 1. Milestone share is the weight of milestones done
over all milestone weight; indicator attainment is the weighted mean of min(actual / target, 1).
A roll-up (measure, region, pairing, the whole mechanism) is the weighted mean of its items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PROGRESS_FORMULA = (
    "0.5*sum(w_m*done_m)/sum(w_m) + 0.5*sum(w_i*min(actual_i/target_i,1))/sum(w_i); "
    "completed=1; rollup=sum(w*p)/sum(w)"
)


@dataclass(frozen=True)
class MilestoneState:
    weight: float
    done: bool


@dataclass(frozen=True)
class IndicatorState:
    target: float
    actual: float
    weight: float = 1.0

    @property
    def attainment(self) -> float:
        if self.target <= 0:
            return 0.0
        return max(0.0, min(self.actual / self.target, 1.0))


@dataclass(frozen=True)
class Progress:
    value: float
    milestones: float | None
    indicators: float | None


def _weighted(pairs: Iterable[tuple[float, float]]) -> float | None:
    total = value = 0.0
    for weight, share in pairs:
        total += weight
        value += weight * share
    return value / total if total > 0 else None


def item_progress(
    milestones: Iterable[MilestoneState],
    indicators: Iterable[IndicatorState],
    *,
    completed: bool = False,
) -> Progress:
    """Progress of one item or task from its milestones and indicators."""
    m = _weighted((s.weight, 1.0 if s.done else 0.0) for s in milestones)
    i = _weighted((s.weight, s.attainment) for s in indicators)
    parts = [p for p in (m, i) if p is not None]
    value = sum(parts) / len(parts) if parts else 0.0
    return Progress(1.0 if completed else round(value, 4), m, i)


def rollup(items: Iterable[tuple[float, float]]) -> float:
    """Weighted mean of ``(weight, progress)`` pairs; 0 when there are none."""
    value = _weighted(items)
    return round(value, 4) if value is not None else 0.0
