"""Weights learned from answers (pure, no database)."""

from __future__ import annotations

import numpy as np

from hicoop.engine import RankingWeights
from hicoop.engine.learning import MIN_PAIRS, TrainingPair, fit_weights, ready


def _pairs(n: int, seed: int = 1) -> list[TrainingPair]:
    """Answers where acceptance follows the semantic feature, not the lexical one."""
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(n):
        lexical, semantic = rng.uniform(0, 1, 2)
        accepted = bool(semantic > 0.6)
        pairs.append(TrainingPair((("lexical", lexical), ("semantic", semantic)), accepted))
    return pairs


class TestFitWeights:
    def test_given_too_few_answers_when_fitting_then_nothing_is_fitted(self) -> None:
        assert not ready(_pairs(MIN_PAIRS - 1))
        assert fit_weights(_pairs(MIN_PAIRS - 1), RankingWeights()) is None

    def test_given_one_sided_answers_when_fitting_then_nothing_is_fitted(self) -> None:
        declined = [TrainingPair((("lexical", 0.5),), False) for _ in range(MIN_PAIRS * 2)]
        assert fit_weights(declined, RankingWeights()) is None

    def test_given_answers_favouring_semantics_then_its_weight_grows_relative_to_lexical(
        self,
    ) -> None:
        prior = RankingWeights()
        fitted = fit_weights(_pairs(400), prior)
        assert fitted is not None
        w = fitted.weights
        assert w.semantic / max(w.lexical, 1e-9) > prior.semantic / prior.lexical
        assert fitted.log_loss_after < fitted.log_loss_before
        assert min(w.lexical, w.semantic, w.fields, w.priority, w.region, w.capacity) >= 0
        assert (fitted.pairs, fitted.accepted + fitted.declined) == (400, 400)

    def test_given_the_same_answers_when_fitting_twice_then_the_same_weights(self) -> None:
        first = fit_weights(_pairs(80), RankingWeights())
        again = fit_weights(_pairs(80), RankingWeights())
        assert first == again

    def test_given_few_answers_then_the_weights_stay_closer_to_the_prior(self) -> None:
        prior = RankingWeights()
        few = fit_weights(_pairs(MIN_PAIRS + 5), prior)
        many = fit_weights(_pairs(2000), prior)
        assert few is not None and many is not None
        assert abs(few.weights.semantic - prior.semantic) < abs(
            many.weights.semantic - prior.semantic
        )
