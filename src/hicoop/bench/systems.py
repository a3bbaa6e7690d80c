"""Systems under test: hicoop and its peers behind one small interface.

Peers get the tokens of hicoop's analyzer (words + bigram channel), so the comparison is about
indexing and ranking, not segmentation; the bigram TF-IDF baseline uses its own character
bigrams. At owner level, peers rank one profile document per owner (its records concatenated).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import scipy.sparse as sp

from hicoop.engine import Analyzer, MatchIndex, Query, RankingWeights, Record, top_k, top_owners
from hicoop.engine.embedding import MAX_QUERY_CHARS, clip, passage_text
from hicoop.engine.semantic import VectorStore
from hicoop.engine.text import normalize

if TYPE_CHECKING:
    from hicoop.bench.vectors import CachedEmbedder

PEERS = ("bm25s", "rank_bm25", "tfidf_bigram")


@dataclass(frozen=True)
class Doc:
    docid: str
    text: str
    title: str = ""
    keywords: tuple[str, ...] = ()
    owner: str = ""


class System(Protocol):
    name: str

    def build(self, docs: Sequence[Doc], level: str) -> None: ...

    def search(self, text: str, k: int) -> list[str]: ...


SEMANTIC_ONLY = RankingWeights(lexical=0.0, semantic=1.0, record_semantic=1.0)


def make_system(name: str, analyzer: Analyzer, embedder: CachedEmbedder | None = None) -> System:
    """``hicoop`` is lexical + semantic when an embedder is given (else lexical only, as the
    engine falls back); ``hicoop_lexical`` never embeds, ``hicoop_semantic`` ranks by the
    semantic feature alone."""
    factories: dict[str, Any] = {
        "hicoop": lambda: HicoopSystem(analyzer, "fusion", embedder),
        "hicoop_lexical": lambda: HicoopSystem(analyzer, "fusion"),
        "hicoop_semantic": lambda: HicoopSystem(analyzer, "fusion", embedder, SEMANTIC_ONLY),
        "hicoop_profile": lambda: HicoopSystem(analyzer, "profile"),
        "hicoop_records": lambda: HicoopSystem(analyzer, "records"),
        "bm25s": lambda: Bm25sSystem(analyzer),
        "rank_bm25": lambda: RankBm25System(analyzer),
        "tfidf_bigram": TfidfBigramSystem,
    }
    if name not in factories:
        raise SystemExit(f"unknown system {name!r}; choose from {sorted(factories)}")
    system: System = factories[name]()
    return system


class HicoopSystem:
    def __init__(
        self,
        analyzer: Analyzer,
        method: str,
        embedder: CachedEmbedder | None = None,
        weights: RankingWeights | None = None,
    ) -> None:
        self.name = "hicoop" if method == "fusion" else f"hicoop_{method}"
        self.analyzer = analyzer
        self.method = method
        self.level = "doc"
        self.index = MatchIndex(analyzer)
        self.embedder = embedder
        self.weights = weights or RankingWeights()

    def build(self, docs: Sequence[Doc], level: str) -> None:
        self.level = level
        records = [Record(d.docid, d.title, d.text, d.keywords, d.owner) for d in docs]
        self.index = MatchIndex.build(records, self.analyzer)
        if self.embedder is not None:
            store = VectorStore(self.embedder.backend.info)
            texts = [passage_text(d.title, d.keywords, d.text) for d in docs]
            store.set_many([d.docid for d in docs], self.embedder.embed(texts, query=False))
            self.index.vectors = store
        if level == "owner":
            self.index.owner_names()
            if self.method == "fusion":
                for note in self.index.owner_model().notes:
                    print(f"note: {note}", file=sys.stderr)  # reported, never silent
                self.index.owner_centroids()

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed (and cache) every query text in one batch before the timed searches."""
        if self.embedder is not None:
            self.embedder.embed([clip(t, MAX_QUERY_CHARS) for t in texts], query=True)

    def search(self, text: str, k: int, weights: RankingWeights | None = None) -> list[str]:
        weights = weights or self.weights
        vector = None
        if self.embedder is not None:
            vector = self.embedder.embed([clip(text, MAX_QUERY_CHARS)], query=True)[0]
        if self.level == "owner":
            owners = top_owners(
                self.index,
                Query(text),
                k,
                weights=weights,
                method=self.method,  # type: ignore[arg-type]
                query_vector=vector,
            )
            return [c.owner for c in owners.candidates]
        found = top_k(self.index, Query(text), k, weights=weights, query_vector=vector)
        return [c.record_id for c in found.candidates]


def doc_tokens(analyzer: Analyzer, doc: Doc) -> list[str]:
    text = " ".join([doc.title, doc.text, *doc.keywords])
    return [term for term, count in analyzer.terms(text).items() for _ in range(count)]


def profiles(docs: Sequence[Doc]) -> list[Doc]:
    """One document per owner: its records' texts joined (owners in sorted order)."""
    texts: dict[str, list[str]] = {}
    for doc in docs:
        texts.setdefault(doc.owner, []).append(" ".join([doc.title, doc.text, *doc.keywords]))
    return [Doc(owner, " ".join(parts)) for owner, parts in sorted(texts.items())]


class Bm25sSystem:
    name = "bm25s"

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.ids: list[str] = []
        self.retriever: Any = None

    def build(self, docs: Sequence[Doc], level: str) -> None:

        docs = profiles(docs) if level == "owner" else docs
        self.ids = [d.docid for d in docs]
        self.build_tokens([doc_tokens(self.analyzer, d) for d in docs])

    def build_tokens(self, tokens: list[list[str]]) -> None:
        import bm25s

        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def search(self, text: str, k: int) -> list[str]:
        vocab = self.retriever.vocab_dict
        tokens = [t for t in self.analyzer.terms(text) if t in vocab]
        if not tokens:
            return []
        k = min(k, len(self.ids))
        found, _ = self.retriever.retrieve([tokens], k=k, show_progress=False)
        return [self.ids[int(i)] for i in found[0]]


class RankBm25System:
    name = "rank_bm25"

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.ids: list[str] = []
        self.model: Any = None

    def build(self, docs: Sequence[Doc], level: str) -> None:
        from rank_bm25 import BM25Okapi

        docs = profiles(docs) if level == "owner" else docs
        self.ids = [d.docid for d in docs]
        self.model = BM25Okapi([doc_tokens(self.analyzer, d) for d in docs])

    def search(self, text: str, k: int) -> list[str]:
        scores = np.asarray(self.model.get_scores(list(self.analyzer.terms(text).elements())))
        order = np.lexsort((np.arange(len(scores)), -scores))[:k]
        return [self.ids[int(i)] for i in order if scores[i] > 0]


_RUNS = re.compile(r"[\u3400-\u9fff]+|[0-9a-z]+")


def char_bigrams(text: str) -> list[str]:
    """Character bigrams of CJK runs (a lone character stays a unigram), ASCII words whole."""
    out: list[str] = []
    for run in _RUNS.findall(normalize(text)):
        if run.isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


class TfidfBigramSystem:
    """Sublinear TF-IDF over character bigrams, cosine similarity (the CSL reference)."""

    name = "tfidf_bigram"

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.vocab: dict[str, int] = {}
        self.idf = np.zeros(0)
        self.matrix = sp.csr_matrix((0, 0))

    def build(self, docs: Sequence[Doc], level: str) -> None:
        docs = profiles(docs) if level == "owner" else docs
        self.ids = [d.docid for d in docs]
        grams = [char_bigrams(" ".join([d.title, d.text, *d.keywords])) for d in docs]
        for doc in grams:
            for gram in doc:
                self.vocab.setdefault(gram, len(self.vocab))
        counts = self._counts(grams)
        df = np.bincount(counts.indices, minlength=len(self.vocab))
        self.idf = np.log((len(docs) + 1) / (df + 1)) + 1.0
        self.matrix = _l2_rows(self._weigh(counts))

    def _counts(self, grams: list[list[str]]) -> sp.csr_matrix:
        rows = np.repeat(np.arange(len(grams)), [len(g) for g in grams])
        cols = np.fromiter((self.vocab[g] for doc in grams for g in doc), np.int64)
        data = np.ones(len(cols))
        return sp.csr_matrix((data, (rows, cols)), shape=(len(grams), len(self.vocab)))

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.copy()
        counts.data = 1.0 + np.log(counts.data)
        return sp.csr_matrix(counts @ sp.diags(self.idf))

    def search(self, text: str, k: int) -> list[str]:
        grams = [[g for g in char_bigrams(text) if g in self.vocab]]
        if not grams[0]:
            return []
        query = _l2_rows(self._weigh(self._counts(grams)))
        scores = (self.matrix @ query.T).toarray().ravel()
        order = np.lexsort((np.arange(len(scores)), -scores))[:k]
        return [self.ids[int(i)] for i in order if scores[i] > 0]


def _l2_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
