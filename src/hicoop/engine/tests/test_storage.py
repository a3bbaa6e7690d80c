"""The lexical index's storage: postings stored once (main bands + delta), incremental changes,
compaction and the scored-postings explanations, checked against a brute-force BM25."""

from __future__ import annotations

import math

import numpy as np
import pytest

from hicoop.engine import Analyzer, MatchIndex, Query, Record, top_k, top_owners
from hicoop.engine import lexical as lexical_module
from hicoop.engine.lexical import Bm25Params, Hits, LexicalIndex

Doc = dict[str, float]


def random_docs(rng: np.random.Generator, n: int, vocabulary: int) -> list[Doc]:
    docs = []
    for _ in range(n):
        terms = rng.choice(vocabulary, int(rng.integers(1, 12)), replace=False)
        docs.append({f"t{t:03d}": float(rng.integers(1, 4)) * 0.5 for t in terms})
    return docs


def brute_force(docs: dict[int, Doc], query: Doc, params: Bm25Params) -> dict[int, float]:
    """BM25 of every live document sharing a term with the query, from first principles."""
    n = len(docs)
    avgdl = sum(sum(d.values()) for d in docs.values()) / n
    df: dict[str, int] = {}
    for doc in docs.values():
        for term in doc:
            df[term] = df.get(term, 0) + 1
    scores: dict[int, float] = {}
    for slot, doc in docs.items():
        dl = sum(doc.values())
        total = 0.0
        for term, qtf in query.items():
            if term in doc:
                idf = math.log1p((n - df[term] + 0.5) / (df[term] + 0.5))
                tf = doc[term]
                norm = params.k1 * (1 - params.b + params.b * dl / avgdl)
                total += qtf * idf * (params.k1 + 1) * tf / (tf + norm)
        if total > 0:
            scores[slot] = total
    return scores


def as_dict(hits: Hits) -> dict[int, float]:
    return dict(zip(hits.slots.tolist(), hits.scores.tolist(), strict=True))


def add_bulk(index: LexicalIndex, docs: list[Doc]) -> range:
    rows = [index.term_ids(d, create=True) for d in docs]
    ptr = np.concatenate([[0], np.cumsum([len(ids) for ids, _ in rows])]).astype(np.int64)
    ids = np.concatenate([ids for ids, _ in rows]).astype(np.int32)
    tfs = np.concatenate([tfs for _, tfs in rows]).astype(np.float32)
    return index.add_csr(ptr, ids, tfs)


@pytest.fixture()
def small_bands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny bands and blocks, so a small corpus exercises the multi-band compaction."""
    monkeypatch.setattr(lexical_module, "BAND_POSTINGS", 64)
    monkeypatch.setattr(lexical_module, "BAND_TERMS", 7)
    monkeypatch.setattr(lexical_module, "BLOCK_POSTINGS", 100)


@pytest.mark.usefixtures("small_bands")
class TestAgainstBruteForce:
    def test_bulk_single_adds_removals_and_compactions_score_exactly(self) -> None:
        # given a main segment from two bulk batches, then one-by-one adds and removals of
        # documents in the main segment, in a pending batch and in the one-by-one delta
        rng = np.random.default_rng(3)
        params = Bm25Params()
        index = LexicalIndex(params)
        live: dict[int, Doc] = {}
        for batch in (random_docs(rng, 60, 40), random_docs(rng, 50, 45)):
            live.update(zip(add_bulk(index, batch), batch, strict=True))
        index.compact()
        pending = random_docs(rng, 20, 50)
        live.update(zip(add_bulk(index, pending), pending, strict=True))
        for doc in random_docs(rng, 15, 50):
            live[index.add(doc)] = doc
        queries = random_docs(rng, 25, 55)
        # main slots (one batch of many, then a single one), pending batch and delta slots
        for removals in ((3, 5, 9, 17, 30, 64, 70, 100, 115, 120, 131, 140), (44,)):
            for slot in removals:
                index.remove(slot)
                del live[slot]
            index.idf(np.zeros(1, np.int32))  # settles the removals, no compaction
        # when searched before and after a compaction
        before = [as_dict(index.search(q)) for q in queries]
        index.compact()
        after = [as_dict(index.search(q)) for q in queries]
        # then every score is the brute-force BM25 of the live documents, and unchanged
        for query, got, again in zip(queries, before, after, strict=True):
            want = brute_force(live, query, params)
            assert got.keys() == want.keys()
            for slot, score in want.items():
                assert got[slot] == pytest.approx(score, rel=1e-5)
            assert again == got
        assert len(index) == len(live)

    def test_documents_are_recovered_from_every_segment(self) -> None:
        rng = np.random.default_rng(5)
        index = LexicalIndex()
        docs = random_docs(rng, 40, 30)
        add_bulk(index, docs[:30])
        index.compact()
        add_bulk(index, docs[30:35])
        for doc in docs[35:]:
            index.add(doc)
        rows = index.documents(range(40))
        for slot, doc in enumerate(docs):
            ids, tfs = rows[slot]
            got = {index.terms[i]: tf for i, tf in zip(ids.tolist(), tfs.tolist(), strict=True)}
            assert got == doc
            assert ids.tolist() == sorted(ids.tolist())
        assert index.document(7)[0].tolist() == rows[7][0].tolist()

    def test_each_posting_is_stored_once(self) -> None:
        rng = np.random.default_rng(9)
        index = LexicalIndex()
        add_bulk(index, random_docs(rng, 3000, 60))
        index.compact()
        postings = index.main_postings
        per_slot_and_term = index.nbytes() - 8 * postings
        assert postings > 15_000
        # slot, frequency: 8 bytes a posting; a forward copy would double that
        assert 0 < per_slot_and_term < 4 * postings


def test_stable_order_with_keys_beyond_16_bits() -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 200_000, 5000).astype(np.uint32)
    order = lexical_module._stable_order(keys, 200_000)
    assert order.tolist() == np.argsort(keys, kind="stable").tolist()


def test_best_keeps_ties_and_orders_by_score_then_slot() -> None:
    # slot 4 and 2 tie at 3.0, slot 9 scores 5.0 and has two postings
    hits = Hits(
        10.0,
        np.array([9, 4, 9, 2, 7], np.int32),
        np.array([1, 1, 2, 2, 2], np.int32),
        np.array([5.0, 3.0, 5.0, 3.0, 1.0], np.float32),
        n_terms=2,
    )
    slots, scores = hits.best(2)
    assert slots.tolist() == [9, 2, 4] and scores.tolist() == [5.0, 3.0, 3.0]
    assert hits.best(10)[0].tolist() == [9, 2, 4, 7]
    assert hits.scored_terms([9, 7]) == {9: [1, 2], 7: [2]}
    assert sorted(hits.slots.tolist()) == [2, 4, 7, 9]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


class TestMatchIndexStorage:
    RECORDS = (
        Record("a", "深远海养殖装备", "深远海养殖工船与网箱装备研发", ("养殖",), "o1"),
        Record("b", "海洋装备检测", "海洋装备与船舶的无损检测服务", ("检测",), "o2"),
        Record("c", "深海探测机器人", "深海探测与水下机器人装备研发", ("机器人",), "o1"),
        Record("d", "热带水果保鲜", "芒果与香蕉采后保鲜技术", ("保鲜",), "o3"),
        Record("e", "杂交水稻育种", "杂交水稻育种与南繁基地合作", ("育种",), "o3"),
    )
    QUERIES = ("深海装备研发", "海洋检测", "水稻育种 保鲜", "养殖工船")

    def test_results_identical_before_and_after_compaction(self, analyzer: Analyzer) -> None:
        index = MatchIndex.build(self.RECORDS[:3], analyzer)
        index.add(self.RECORDS[3])
        index.add(self.RECORDS[4])
        index.remove("b")
        index.update(Record("c", "深海探测机器人", "水下机器人", ("机器人",), "o2"))
        before = [top_k(index, Query(q), k=5) for q in self.QUERIES]
        index.compact()
        after = [top_k(index, Query(q), k=5) for q in self.QUERIES]
        assert [r.candidates for r in before] == [r.candidates for r in after]

    def test_matched_terms_are_the_shared_terms_when_nothing_is_pruned(
        self, analyzer: Analyzer
    ) -> None:
        index = MatchIndex.build(self.RECORDS, analyzer)
        query = Query("深海探测装备的检测")
        terms = analyzer.weighted_terms(query.text)
        qids = index.query_ids(terms)
        for candidate in top_k(index, query, k=5).candidates:
            slot = index._slot_of[candidate.record_id]
            shared = set(index.shared_terms(slot, qids))
            shown = set(candidate.explanation.matched_terms)
            words = {t for t in shared if not t.startswith("\x01")}
            assert words <= shown
            assert shown <= words | {t[1:] for t in shared if t.startswith("\x01")}

    def test_owner_profiles_follow_removals_from_the_main_segment(self, analyzer: Analyzer) -> None:
        changed = MatchIndex.build(self.RECORDS, analyzer)
        changed.owner_names()
        changed.remove("a")
        changed.update(Record("e", "杂交水稻育种", "南繁基地", ("育种",), "o1"))
        rebuilt = MatchIndex.build(
            [*self.RECORDS[1:4], Record("e", "杂交水稻育种", "南繁基地", ("育种",), "o1")],
            analyzer,
        )
        for text in self.QUERIES:
            got = top_owners(changed, Query(text), k=3)
            want = top_owners(rebuilt, Query(text), k=3)
            assert [c.owner for c in got.candidates] == [c.owner for c in want.candidates]
            assert [c.lexical for c in got.candidates] == pytest.approx(
                [c.lexical for c in want.candidates], rel=1e-5
            )


@pytest.mark.usefixtures("small_bands")
def test_rebuild_over_a_memory_mapped_main_segment_releases_nothing_still_needed() -> None:
    # given a main segment large enough to live in its own memory map (pages of the old
    # segment are handed back while a compaction reads it)
    rng = np.random.default_rng(13)
    params = Bm25Params()
    index = LexicalIndex(params)
    docs = random_docs(rng, 3000, 80)
    live = dict(zip(add_bulk(index, docs), docs, strict=True))
    index.compact()
    assert isinstance(index._inv_doc.base, memoryview)
    # when documents are added and removed and the index is compacted twice more
    for round_ in range(2):
        extra = random_docs(rng, 300, 90)
        live.update(zip(add_bulk(index, extra), extra, strict=True))
        for slot in rng.choice(sorted(live), 40, replace=False).tolist():
            index.remove(slot)
            del live[slot]
        index.compact()
        # then scores still equal the brute force
        for query in random_docs(rng, 10, 90):
            got, want = as_dict(index.search(query)), brute_force(live, query, params)
            assert got.keys() == want.keys(), round_
            for slot, score in want.items():
                assert got[slot] == pytest.approx(score, rel=1e-5)


def test_empty_indexes_and_records_without_terms(analyzer: Analyzer) -> None:
    assert top_k(MatchIndex.build([], analyzer), Query("海洋")).candidates == ()
    index = MatchIndex.build([Record("blank", ""), Record("b", "海洋装备", owner="o")], analyzer)
    assert [c.record_id for c in top_k(index, Query("海洋")).candidates] == ["b"]
    index.remove("b")
    index.compact()
    assert top_k(index, Query("海洋")).candidates == ()
    assert top_owners(index, Query("海洋")).candidates == ()
    index.add(Record("c", "海洋", owner="o2"))
    assert [c.owner for c in top_owners(index, Query("海洋")).candidates] == ["o2"]
