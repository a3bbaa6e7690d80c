"""Per-feature ranking weights learned from partners' answers (pure, deterministic).

Each answered expression of interest is a training pair: the candidate's feature values as the
run stored them (``ranking.FEATURES``: lexical, semantic, fields, priority, region, capacity)
and the outcome (accepted 1, declined 0). Below ``MIN_PAIRS`` pairs, or fewer than
``MIN_EACH`` of either outcome, nothing is fitted and runs keep the shipped weights.

The model is a logistic regression whose coefficients are pulled towards the current weights:

1. the current weights' score s = w₀·x is calibrated, P(accept) = σ(a + κ s) (two parameters);
2. β minimises  Σ logloss(σ(b + β·x)) + λ‖β − κ w₀‖²  (Newton steps; λ = ``PRIOR_STRENGTH``),
   so with few answers β stays close to the calibrated prior, and moves as evidence grows;
3. the new weights are β / κ, floored at 0 (a ranking weight explains a reason, it is never
   negative), on the scale of the current weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from hicoop.engine.ranking import FEATURES, RankingWeights

MIN_PAIRS = 30
MIN_EACH = 5
PRIOR_STRENGTH = 2.0
NEWTON_STEPS = 50
LEARNING_VERSION = "logistic-prior/1"


@dataclass(frozen=True)
class TrainingPair:
    """Feature values of one proposed (demand, partner) pair and whether it was accepted."""

    features: tuple[tuple[str, float], ...]
    accepted: bool

    def vector(self) -> npt.NDArray[np.float64]:
        values = dict(self.features)
        return np.array([float(values.get(name, 0.0)) for name in FEATURES])


@dataclass(frozen=True)
class FittedWeights:
    weights: RankingWeights
    pairs: int
    accepted: int
    declined: int
    log_loss_before: float
    log_loss_after: float
    method: str = LEARNING_VERSION


def ready(pairs: Sequence[TrainingPair]) -> bool:
    """Enough answers of both kinds to refit (``MIN_PAIRS``, ``MIN_EACH``)."""
    accepted = sum(p.accepted for p in pairs)
    return len(pairs) >= MIN_PAIRS and min(accepted, len(pairs) - accepted) >= MIN_EACH


def fit_weights(
    pairs: Sequence[TrainingPair], prior: RankingWeights, strength: float = PRIOR_STRENGTH
) -> FittedWeights | None:
    """Weights refitted from ``pairs`` around ``prior``, or None when not ``ready``."""
    if not ready(pairs):
        return None
    x = np.array([p.vector() for p in pairs])
    y = np.array([1.0 if p.accepted else 0.0 for p in pairs])
    w0 = np.array([getattr(prior, name) for name in FEATURES])
    (a, kappa), before = _newton(np.c_[np.ones(len(y)), x @ w0], y, np.zeros(2), 1e-6)
    kappa = max(kappa, 1e-3)  # a prior that ranks backwards is not inverted, only flattened
    target = np.r_[0.0, kappa * w0]
    penalty = np.r_[0.0, np.full(len(FEATURES), strength)]
    beta, after = _newton(np.c_[np.ones(len(y)), x], y, target, penalty, start=np.r_[a, kappa * w0])
    learned = np.maximum(beta[1:] / kappa, 0.0)
    values: dict[str, Any] = {n: round(float(v), 4) for n, v in zip(FEATURES, learned, strict=True)}
    weights = replace(prior, **values)
    accepted = int(y.sum())
    return FittedWeights(weights, len(y), accepted, len(y) - accepted, before, after)


def _newton(
    x: npt.NDArray[np.float64],
    y: npt.NDArray[np.float64],
    target: npt.NDArray[np.float64],
    penalty: npt.NDArray[np.float64] | float,
    start: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], float]:
    """Penalised logistic regression by Newton's method; returns β and the mean log loss."""
    beta = np.array(target if start is None else start, np.float64)
    lam = np.broadcast_to(np.asarray(penalty, np.float64), beta.shape)
    for _ in range(NEWTON_STEPS):
        p = _sigmoid(x @ beta)
        gradient = x.T @ (p - y) + 2 * lam * (beta - target)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(2 * lam + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    p = np.clip(_sigmoid(x @ beta), 1e-12, 1 - 1e-12)
    return beta, float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def _sigmoid(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def weights_dict(weights: RankingWeights) -> dict[str, float]:
    return {k: float(v) for k, v in asdict(weights).items()}
