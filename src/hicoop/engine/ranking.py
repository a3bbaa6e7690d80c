"""Ranking formula: lexical and semantic relevance plus structured agreement, every factor
explained.

score = w.lexical · lexical + w.semantic · semantic + w.fields · field_agreement
        + w.priority · priority + w.region · region_preferred + w.capacity · capacity

``lexical`` is BM25 divided by the query's BM25 upper bound (so it lies in [0, 1] and does not
depend on the other candidates), ``semantic`` the query's cosine with the record's embedding
rescaled by the query's own spread, (cos − mean_q) / (max_q − mean_q) clipped to [0, 1], where
mean_q and max_q are the query's mean and best cosine over the indexed vectors (0 when no
embedding backend is available: the run is then lexical only and says so), ``field_agreement`` is the share of the query's field codes the
record carries, ``priority`` the key-region × field matrix weight of the record's region and its
best field, ``region_preferred`` is 1 when the record's region is among the query's preferred
regions, ``capacity`` is min(capacity, capacity_ref) / capacity_ref.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from hicoop.engine.index import Record

# 2: postings stored once; owners ranked by view fusion. 3: semantic channel (embeddings).
# 4: a partner's semantic feature mixes its centroid with its three closest records (ADR 0052).
ENGINE_VERSION = "hicoop-engine/4"
FORMULA = (
    "lexical*bm25/bm25_max + semantic*clip((cos_qr-mean_q)/(max_q-mean_q),0,1)"
    " [semantic: record_semantic for records; semantic for partners, the feature being"
    " (1-semantic_top)*centroid + semantic_top*mean of the 3 closest records, each rescaled]"
    " + fields*|F_q∩F_r|/|F_q| + priority*M[region_r, f]"
    " + region*[region_r in preferred_q] + capacity*min(cap_r, cap_ref)/cap_ref"
)
FEATURES = ("lexical", "semantic", "fields", "priority", "region", "capacity")


# Relative to w.lexical = 1, chosen by nested 5-fold cross-validation on the CSL dev benchmarks
# only (``hicoop bench fusion``, docs/BENCHMARKS.md): ``semantic`` weighs a partner's semantic
# feature (owner level: 点对点, 一对一, 多对一), ``record_semantic`` a record's (``top_k``).
# Weights learned from partners' answers replace the set (``hicoop.engine.learning``).
SEMANTIC_WEIGHT = 2.5
RECORD_SEMANTIC_WEIGHT = 0.75
# A partner's semantic feature mixes its centroid's rescaled cosine (share 1 − semantic_top)
# with the rescaled mean cosine of its ``SEMANTIC_TOP_K`` most similar records (share
# semantic_top); the share is chosen with ``semantic`` by the same nested cross-validation
# (0.5 and 2.5: acc@1 0.525 pooled, 0.516 held-out; ADR 0052).
SEMANTIC_TOP_SHARE = 0.5
SEMANTIC_TOP_K = 3


@dataclass(frozen=True)
class RankingWeights:
    """Visible, configurable weights of the ranking formula."""

    lexical: float = 1.0
    semantic: float = SEMANTIC_WEIGHT
    fields: float = 0.3
    priority: float = 0.2
    region: float = 0.1
    capacity: float = 0.05
    capacity_ref: int = 5
    record_semantic: float = RECORD_SEMANTIC_WEIGHT
    semantic_top: float = SEMANTIC_TOP_SHARE


@dataclass(frozen=True)
class PriorityMatrix:
    """Key region × field priority weights (e.g. 上海 × 深远海 → 1.0), versioned by the caller."""

    entries: tuple[tuple[str, str, float], ...] = ()

    @classmethod
    def from_mapping(cls, weights: Mapping[tuple[str, str], float]) -> PriorityMatrix:
        return cls(tuple(sorted((r, f, float(w)) for (r, f), w in weights.items())))

    @cached_property
    def table(self) -> dict[tuple[str, str], float]:
        """(region, field) → weight, built once per matrix (``best`` runs once per record)."""
        return {(r, f): w for r, f, w in self.entries}

    def best(self, region: str, fields: tuple[str, ...]) -> tuple[str, float]:
        """The field of ``fields`` with the highest weight for ``region`` (ties: code order)."""
        table = self.table
        best_field, best_weight = "", 0.0
        for code in sorted(set(fields)):
            weight = table.get((region, code), 0.0)
            if weight > best_weight:
                best_field, best_weight = code, weight
        return best_field, best_weight


@dataclass(frozen=True)
class Query:
    """What a demand (or a partner looking for demands) asks for."""

    text: str
    keywords: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    preferred_regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Filters:
    """Hard structured filters; empty sets mean "any"."""

    kinds: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()
    exclude_owners: frozenset[str] = frozenset()
    min_capacity: int | None = None

    def reasons(self, record: Record) -> tuple[str, ...]:
        """Why a record is filtered out (empty when it passes)."""
        checks = (
            (bool(self.kinds) and record.kind not in self.kinds, f"kind {record.kind!r}"),
            (bool(self.regions) and record.region not in self.regions, f"region {record.region!r}"),
            (bool(self.fields) and not self.fields.intersection(record.fields), "no field match"),
            (
                bool(self.statuses) and record.status not in self.statuses,
                f"status {record.status!r}",
            ),
            (record.id in self.exclude_ids, "excluded id"),
            (record.owner in self.exclude_owners, "excluded owner"),
            (self._short_of_capacity(record), f"capacity {record.capacity}"),
        )
        return tuple(reason for failed, reason in checks if failed)

    def _short_of_capacity(self, record: Record) -> bool:
        if self.min_capacity is None or record.capacity is None:
            return False
        return record.capacity < self.min_capacity

    @property
    def active(self) -> bool:
        return self != Filters()


@dataclass(frozen=True)
class Explanation:
    """Every factor behind a candidate's score."""

    lexical: float
    bm25: float
    matched_terms: tuple[str, ...]
    fields_in_common: tuple[str, ...]
    field_agreement: float
    priority_pair: tuple[str, str] | None
    priority_weight: float
    region_preferred: bool
    capacity: float
    contributions: tuple[tuple[str, float], ...]
    # Cosine of the query and record embeddings (None without vectors) and its rescaled value.
    semantic: float | None = None
    semantic_feature: float = 0.0


def structured_factors(
    record: Record, query: Query, priority: PriorityMatrix, weights: RankingWeights
) -> tuple[tuple[str, ...], float, tuple[str, str] | None, float, bool, float]:
    """Field agreement, priority pair, region preference and capacity of one record."""
    common = tuple(sorted(set(query.fields).intersection(record.fields)))
    agreement = len(common) / len(set(query.fields)) if query.fields else 0.0
    pair_field, pair_weight = priority.best(record.region, common or record.fields)
    pair = (record.region, pair_field) if pair_field else None
    preferred = bool(record.region) and record.region in query.preferred_regions
    cap = 0.0
    if record.capacity is not None and weights.capacity_ref > 0:
        cap = min(record.capacity, weights.capacity_ref) / weights.capacity_ref
    return common, agreement, pair, pair_weight, preferred, cap


def explain(
    record: Record,
    query: Query,
    bm25: float,
    bound: float,
    matched: tuple[str, ...],
    priority: PriorityMatrix,
    weights: RankingWeights,
    semantic: tuple[float, float] | None = None,
) -> tuple[float, Explanation]:
    """Final score and explanation of one record (``semantic``: cosine and rescaled value)."""
    common, agreement, pair, pair_weight, preferred, cap = structured_factors(
        record, query, priority, weights
    )
    lexical = bm25 / bound if bound > 0 else 0.0
    cosine, feature = semantic if semantic is not None else (None, 0.0)
    contributions = (
        ("lexical", weights.lexical * lexical),
        ("semantic", weights.record_semantic * feature),
        ("fields", weights.fields * agreement),
        ("priority", weights.priority * pair_weight),
        ("region", weights.region * float(preferred)),
        ("capacity", weights.capacity * cap),
    )
    score = sum(value for _, value in contributions)
    explanation = Explanation(
        lexical,
        bm25,
        matched,
        common,
        agreement,
        pair,
        pair_weight,
        preferred,
        cap,
        contributions,
        cosine,
        feature,
    )
    return score, explanation


def rescale(
    cosines: npt.NDArray[np.float32] | list[float], mean: float, best: float
) -> list[float]:
    """(cos − mean) / (best − mean), clipped to [0, 1]: a query's semantic feature values."""
    spread = best - mean
    values = np.asarray(cosines, np.float64)
    if spread <= 1e-9:
        return [0.0] * len(values)
    return np.clip((values - mean) / spread, 0.0, 1.0).tolist()
