"""点对点 mode: the top-k records, or partner organisations, for one query, explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from hicoop.engine.index import MatchIndex
from hicoop.engine.lexical import Hits
from hicoop.engine.ranking import (
    ENGINE_VERSION,
    FEATURES,
    FORMULA,
    SEMANTIC_TOP_K,
    Explanation,
    Filters,
    PriorityMatrix,
    Query,
    RankingWeights,
    explain,
    rescale,
)
from hicoop.engine.text import BIGRAM_PREFIX

QueryVector = npt.NDArray[np.float32]
# The query's mean cosine (the floor of the semantic feature) is taken over at most this many
# indexed vectors (every n-th row), so it costs the same at any size.
MEAN_SAMPLE = 4096
OwnerMethod = Literal["fusion", "profile", "records"]
MAX_FILTERED_REPORTED = 20


@dataclass(frozen=True)
class Candidate:
    """One ranked record."""

    rank: int
    record_id: str
    owner: str
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class FilteredOut:
    """A record that matched the text but was removed by a filter, and why."""

    record_id: str
    lexical: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MatchResult:
    """A reproducible match run: candidates plus the settings that produced them."""

    candidates: tuple[Candidate, ...]
    filtered_out: tuple[FilteredOut, ...]
    weights: RankingWeights
    priority: PriorityMatrix
    engine_version: str = ENGINE_VERSION
    formula: str = FORMULA
    semantic: bool = False


@dataclass(frozen=True)
class OwnerCandidate:
    """One ranked partner organisation with the records that support it."""

    rank: int
    owner: str
    score: float
    lexical: float
    evidence: tuple[Candidate, ...]
    method: str
    semantic: float | None = None
    semantic_feature: float = 0.0
    # Unweighted values of ``ranking.FEATURES`` behind the score (what answers train on).
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class OwnerMatchResult:
    candidates: tuple[OwnerCandidate, ...]
    weights: RankingWeights
    priority: PriorityMatrix
    method: str
    engine_version: str = ENGINE_VERSION
    formula: str = FORMULA
    semantic: bool = False


@dataclass
class _Pool:
    passed: list[tuple[int, float]] = field(default_factory=list)
    filtered: list[FilteredOut] = field(default_factory=list)


def query_terms(index: MatchIndex, query: Query) -> dict[str, float]:
    """Weighted terms of a query's text and keywords."""
    terms = index.analyzer.weighted_terms(query.text)
    for keyword in query.keywords:
        for term, weight in index.analyzer.weighted_terms(keyword).items():
            terms[term] = terms.get(term, 0.0) + weight
    return terms


def top_k(
    index: MatchIndex,
    query: Query,
    k: int = 10,
    filters: Filters | None = None,
    weights: RankingWeights | None = None,
    priority: PriorityMatrix | None = None,
    query_vector: QueryVector | None = None,
) -> MatchResult:
    """The ``k`` best records for ``query`` (ties broken by record id), each explained.

    With ``query_vector`` (the query's embedding) and vectors attached to the index, the most
    similar records join the lexical pool and every record gets its semantic feature."""
    filters, weights = filters or Filters(), weights or RankingWeights()
    priority = priority or PriorityMatrix()
    terms = query_terms(index, query)
    hits = index.lexical.search(terms)
    pool_size = _pool_size(index, query, priority, k)
    semantic = SemanticView.of(index, query_vector, weights, max(pool_size, 2 * k))
    if semantic is not None:
        pool_size = max(pool_size, 2 * k)
    pool = _collect(index, hits, filters, pool_size)
    if semantic is not None:
        _add_semantic(index, hits, filters, semantic, pool, pool_size)
    # Matched terms come from the postings that were actually scored for each record.
    matched = hits.scored_terms([slot for slot, _ in pool.passed])
    display = _TermDisplay(index.lexical.terms)
    if semantic is not None:
        semantic.prime([index.record_at(slot).id for slot, _ in pool.passed])
    scored = [
        _candidate(
            index,
            slot,
            bm25,
            hits.upper_bound,
            display(matched[slot]),
            query,
            priority,
            weights,
            semantic.feature(index.record_at(slot).id) if semantic is not None else None,
        )
        for slot, bm25 in pool.passed
    ]
    scored.sort(key=lambda c: (-c.score, c.record_id))
    ranked = tuple(_reranked(c, i + 1) for i, c in enumerate(scored[:k]))
    return MatchResult(
        ranked,
        tuple(pool.filtered[:MAX_FILTERED_REPORTED]),
        weights,
        priority,
        semantic=semantic is not None,
    )


class SemanticView:
    """A query's cosines with the indexed vectors and the spread that rescales them."""

    def __init__(self, index: MatchIndex, vector: QueryVector, size: int) -> None:
        assert index.vectors is not None
        self.store = index.vectors
        self.vector = np.asarray(vector, np.float32)
        self.mean = self.store.mean_similarity(self.vector, MEAN_SAMPLE)
        self.nearest = self.store.search(self.vector, size)
        self.best = self.nearest[0][1] if self.nearest else 0.0
        self._cache: dict[str, tuple[float, float] | None] = {}

    @classmethod
    def of(
        cls, index: MatchIndex, vector: QueryVector | None, weights: RankingWeights, size: int
    ) -> SemanticView | None:
        if vector is None or index.vectors is None or not len(index.vectors):
            return None
        return cls(index, vector, size) if weights.record_semantic > 0 else None

    def prime(self, record_ids: list[str]) -> None:
        """Compute the features of many records in one product (a query's whole pool)."""
        wanted = [r for r in record_ids if r not in self._cache]
        cosines = self.store.similarities(wanted, self.vector)
        known = [r for r in wanted if r in cosines]
        scaled = rescale([cosines[r] for r in known], self.mean, self.best)
        self._cache.update({r: None for r in wanted})
        self._cache.update({r: (cosines[r], v) for r, v in zip(known, scaled, strict=True)})

    def feature(self, record_id: str) -> tuple[float, float] | None:
        """(cosine, rescaled value) of a record, None when it has no vector yet."""
        if record_id not in self._cache:
            cosine = self.store.similarities([record_id], self.vector).get(record_id)
            self._cache[record_id] = (
                None if cosine is None else (cosine, rescale([cosine], self.mean, self.best)[0])
            )
        return self._cache[record_id]


def _add_semantic(
    index: MatchIndex,
    hits: Hits,
    filters: Filters,
    semantic: SemanticView,
    pool: _Pool,
    size: int,
) -> None:
    """Records among the ``size`` most similar that the lexical pool does not hold yet."""
    present = {slot for slot, _ in pool.passed}
    lexical: dict[int, float] | None = None
    for record_id, _cosine in semantic.nearest[:size]:
        slot = index.slot_of(record_id)
        if slot is None or slot in present:
            continue
        if filters.active and filters.reasons(index.record_at(slot)):
            continue
        if lexical is None:
            lexical = dict(zip(hits.slots.tolist(), hits.scores.tolist(), strict=True))
        pool.passed.append((slot, lexical.get(slot, 0.0)))
        present.add(slot)


def _pool_size(index: MatchIndex, query: Query, priority: PriorityMatrix, k: int) -> int:
    """Rerank a wider lexical pool only when structured factors can change the order."""
    structured = query.fields or query.preferred_regions or priority.entries
    return max(10 * k, 100) if structured or index.has_capacities else k


def _collect(index: MatchIndex, hits: Hits, filters: Filters, size: int) -> _Pool:
    """Walk hits in lexical order, widening until ``size`` records pass the filters."""
    pool = _Pool()
    active = filters.active
    wanted = size
    seen = 0
    while True:
        slots, scores = hits.best(wanted)
        for slot, bm25 in zip(slots[seen:].tolist(), scores[seen:].tolist(), strict=True):
            record = index.record_at(slot)
            reasons = filters.reasons(record) if active else ()
            if reasons:
                pool.filtered.append(FilteredOut(record.id, bm25, reasons))
            else:
                pool.passed.append((slot, bm25))
        seen = len(slots)
        if len(pool.passed) >= size or seen < wanted:
            return pool
        wanted = 4 * seen + size


def _candidate(
    index: MatchIndex,
    slot: int,
    bm25: float,
    bound: float,
    matched: tuple[str, ...],
    query: Query,
    priority: PriorityMatrix,
    weights: RankingWeights,
    semantic: tuple[float, float] | None = None,
) -> Candidate:
    record = index.record_at(slot)
    score, explanation = explain(record, query, bm25, bound, matched, priority, weights, semantic)
    return Candidate(0, record.id, record.owner, score, explanation)


class _TermDisplay:
    """Matched term ids → display terms: matched words first, then matched bigrams that the
    words do not already contain (computed once per distinct set within a query)."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.cache: dict[tuple[int, ...], tuple[str, ...]] = {}

    def __call__(self, ids: list[int]) -> tuple[str, ...]:
        key = tuple(ids)
        shown = self.cache.get(key)
        if shown is None:
            shown = self.cache[key] = _display_terms([self.terms[i] for i in key])
        return shown


def _display_terms(terms: list[str]) -> tuple[str, ...]:
    """Matched words first, then matched bigrams the words do not already contain."""
    words = sorted(t for t in terms if not t.startswith(BIGRAM_PREFIX))
    covered = {w[i : i + 2] for w in words for i in range(len(w) - 1)}
    grams = sorted(t[1:] for t in terms if t.startswith(BIGRAM_PREFIX))
    return (*words, *(g for g in grams if g not in covered))


def _reranked(candidate: Candidate, rank: int) -> Candidate:
    return Candidate(
        rank, candidate.record_id, candidate.owner, candidate.score, candidate.explanation
    )


def top_owners(
    index: MatchIndex,
    query: Query,
    k: int = 10,
    filters: Filters | None = None,
    weights: RankingWeights | None = None,
    priority: PriorityMatrix | None = None,
    method: OwnerMethod = "fusion",
    evidence: int = 3,
    query_vector: QueryVector | None = None,
) -> OwnerMatchResult:
    """Partner organisations ranked by their records' evidence.

    ``fusion`` (default; best on the owner-level benchmark) sums three z-normalised views of
    each owner's records — binary profile BM25, complement naive Bayes and latent semantic
    centroids (see ``hicoop.engine.owners``) — over the owners sharing a term with the query,
    rescaled to [0, 1]; ``profile`` scores each owner's profile document (its records' terms
    summed) by BM25; both add the structured part of the owner's best record. ``records``
    scores an owner as its best record plus 0.3 × the sum of its next four.

    With ``query_vector``, every method adds ``w.semantic`` × the owner's semantic feature: the
    query's cosine with the owner's centroid (records and profile) and the mean cosine of its
    three closest records, each rescaled over the owners like a record's, mixed by
    ``w.semantic_top``; owners semantically close but sharing no term become candidates too.
    """
    weights, priority = weights or RankingWeights(), priority or PriorityMatrix()
    filters = filters or Filters()
    records = top_k(index, query, max(50, 5 * k), filters, weights, priority, query_vector)
    by_owner: dict[str, list[Candidate]] = {}
    for candidate in records.candidates:
        if candidate.owner:
            by_owner.setdefault(candidate.owner, []).append(candidate)
    semantic = owner_semantic(index, query_vector, filters, weights, max(2 * k, 20))
    if method == "records":
        scores = {o: _aggregate([c.score for c in cs]) for o, cs in by_owner.items()}
        lexical = {o: cs[0].explanation.lexical for o, cs in by_owner.items()}
    else:
        lexical = owner_lexical(index, query, filters, method)
        scores = {
            o: weights.lexical * lexical.get(o, 0.0) + _structured(by_owner.get(o))
            for o in set(lexical) | set(semantic.shortlist)
        }
        scores = {o: v + weights.semantic * semantic.feature(o) for o, v in scores.items()}
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    candidates = tuple(
        OwnerCandidate(
            i + 1,
            o,
            s,
            lexical.get(o, 0.0),
            tuple(by_owner.get(o, [])[:evidence]),
            method,
            semantic.cosines.get(o),
            semantic.feature(o),
            _features(lexical.get(o, 0.0), semantic.feature(o), by_owner.get(o)),
        )
        for i, (o, s) in enumerate(ranked)
    )
    return OwnerMatchResult(candidates, weights, priority, method, semantic=semantic.cosines != {})


def owner_lexical(
    index: MatchIndex, query: Query, filters: Filters, method: OwnerMethod = "fusion"
) -> dict[str, float]:
    """Lexical owner scores in [0, 1] of the owners sharing a term with the query."""
    score_of = _fusion_scores if method == "fusion" else _profile_scores
    return score_of(index, query, filters)


@dataclass(frozen=True)
class OwnerSemantic:
    """Owners' cosines with the query, their rescaled values and the best ``shortlist``."""

    cosines: dict[str, float] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    shortlist: tuple[str, ...] = ()

    def feature(self, owner: str) -> float:
        return self.values.get(owner, 0.0)


def owner_semantic(
    index: MatchIndex,
    vector: QueryVector | None,
    filters: Filters,
    weights: RankingWeights,
    shortlist: int,
) -> OwnerSemantic:
    """Each owner's semantic feature: its centroid's and its top records' cosines with the
    query, each rescaled over the owners, mixed by ``w.semantic_top``."""
    if vector is None or index.vectors is None or weights.semantic <= 0:
        return OwnerSemantic()
    channels = semantic_channels(index, vector, weights.semantic_top)
    if channels is None:
        return OwnerSemantic()
    names, central, top = channels
    share = weights.semantic_top
    cosines = (1 - share) * central + share * top
    values = mix_semantic(central, top, share).tolist()
    kept = [
        (name, float(c), v)
        for name, c, v in zip(names, cosines.tolist(), values, strict=True)
        if name not in filters.exclude_owners
    ]
    best = sorted(kept, key=lambda item: (-item[2], item[0]))[:shortlist]
    return OwnerSemantic(
        {name: c for name, c, _ in kept},
        {name: v for name, _, v in kept},
        tuple(name for name, _, _ in best),
    )


def semantic_channels(
    index: MatchIndex, vector: QueryVector, share: float = 1.0
) -> tuple[list[str], npt.NDArray[np.float32], npt.NDArray[np.float32]] | None:
    """Owners with vectors, the query's cosine with each one's centroid and the mean cosine of
    its ``SEMANTIC_TOP_K`` most similar records (zeros when ``share`` is 0: not computed)."""
    store = index.vectors
    names, centroids = index.owner_centroids()
    if store is None or not names:
        return None
    query = np.asarray(vector, np.float32)
    central = centroids @ query
    if share <= 0:
        return names, central, np.zeros_like(central)
    top = store.top_means(names, index.owner_member_rows(), query, SEMANTIC_TOP_K)
    return names, central, top


def mix_semantic(
    central: npt.NDArray[np.float32], top: npt.NDArray[np.float32], share: float
) -> npt.NDArray[np.float64]:
    """(1 − share) · rescaled centroid cosines + share · rescaled top-record cosines."""
    values = (1 - share) * np.array(rescale(central, float(central.mean()), float(central.max())))
    if share > 0:
        values += share * np.array(rescale(top, float(top.mean()), float(top.max())))
    return values


def _aggregate(scores: list[float]) -> float:
    ordered = sorted(scores, reverse=True)
    return ordered[0] + 0.3 * sum(ordered[1:5]) if ordered else 0.0


def _features(
    lexical: float, semantic: float, candidates: list[Candidate] | None
) -> tuple[tuple[str, float], ...]:
    """The owner's text features and its best record's structured ones, unweighted."""
    e = candidates[0].explanation if candidates else None
    structured = (
        (e.field_agreement, e.priority_weight, float(e.region_preferred), e.capacity)
        if e is not None
        else (0.0, 0.0, 0.0, 0.0)
    )
    values = (lexical, semantic, *structured)
    return tuple((name, round(float(v), 6)) for name, v in zip(FEATURES, values, strict=True))


def _structured(candidates: list[Candidate] | None) -> float:
    if not candidates:
        return 0.0
    best = candidates[0].explanation.contributions
    # The owner's text relevance is scored per owner; only the structured part is the record's.
    return sum(value for name, value in best if name not in {"lexical", "semantic"})


def _profile_scores(index: MatchIndex, query: Query, filters: Filters) -> dict[str, float]:
    names, hits = index.search_owners(query_terms(index, query))
    bound = hits.upper_bound or 1.0
    return {
        names[slot]: score / bound
        for slot, score in zip(hits.slots.tolist(), hits.scores.tolist(), strict=True)
        if names[slot] not in filters.exclude_owners
    }


def _fusion_scores(index: MatchIndex, query: Query, filters: Filters) -> dict[str, float]:
    model = index.owner_model()
    vocab = index.lexical.vocab
    terms: dict[int, float] = {}
    for term, weight in query_terms(index, query).items():
        tid = vocab.get(term)
        if tid is not None:
            terms[tid] = terms.get(tid, 0.0) + weight
    if not terms or not model.names:
        return {}
    fused, matched = model.scores(terms)
    kept = [
        (name, float(value))
        for name, value, hit in zip(model.names, fused.tolist(), matched.tolist(), strict=True)
        if hit and name not in filters.exclude_owners
    ]
    if not kept:
        return {}
    low, high = min(v for _, v in kept), max(v for _, v in kept)
    spread = high - low
    return {name: (value - low) / spread if spread > 0 else 1.0 for name, value in kept}
