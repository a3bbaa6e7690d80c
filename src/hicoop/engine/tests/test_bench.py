"""Bench metric functions on hand-computed cases, and ``bench match`` on a tiny dataset."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hicoop.bench.match import main
from hicoop.bench.metrics import accuracy_at, ndcg_at, recall_at, reciprocal_rank


class TestMetrics:
    def test_ndcg_of_a_hand_computed_ranking(self) -> None:
        # given grades a=2, b=1 and a ranking that puts b first
        grades = {"a": 2, "b": 1}
        # when nDCG@10 is computed
        value = ndcg_at(["b", "x", "a"], grades)
        # then DCG = 1/1 + 3/2, IDCG = 3/1 + 1/log2(3)
        assert value == pytest.approx((1 + 3 / 2) / (3 + 1 / math.log2(3)))

    def test_recall_and_reciprocal_rank(self) -> None:
        grades = {"a": 1, "b": 1, "c": 0}
        assert recall_at(["c", "a", "x"], grades) == pytest.approx(0.5)
        assert reciprocal_rank(["c", "x", "b"], grades) == pytest.approx(1 / 3)
        assert reciprocal_rank(["c"], grades) == 0.0

    def test_accuracy_at_k(self) -> None:
        assert accuracy_at(["o2", "o1"], {"o1": 1}, 1) == 0.0
        assert accuracy_at(["o2", "o1"], {"o1": 1}, 5) == 1.0


def write_dataset(root: Path, level: str) -> None:
    topics = {"ocean": "深远海养殖装备研发", "rice": "杂交水稻育种技术", "med": "临床医学新药研发"}
    corpus, queries, qrels = [], [], ["qid\tid\tgrade"]
    for n, (owner, text) in enumerate(sorted(topics.items())):
        for i in range(3):
            corpus.append({"docid": f"d{n}{i}", "text": f"{text}第{i}期项目", "owner": owner})
        queries.append({"qid": f"q{n}", "text": text[:4]})
        target = owner if level == "owner" else f"d{n}0"
        qrels.append(f"q{n}\t{target}\t1")
    root.mkdir(parents=True, exist_ok=True)
    for name, rows in (("corpus.jsonl", corpus), ("queries.jsonl", queries)):
        (root / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    (root / "qrels.tsv").write_text("\n".join(qrels) + "\n")


@pytest.mark.parametrize("level", ["doc", "owner"])
def test_bench_main_writes_metrics_for_every_system(tmp_path: Path, level: str) -> None:
    # given a tiny dataset
    write_dataset(tmp_path / "data", level)
    out = tmp_path / "out.json"
    # when the benchmark runs lexically (all default systems at doc level; peers whose package
    # is missing, and the semantic-only system without a backend, are skipped by main)
    systems = [] if level == "doc" else ["--systems", "hicoop", "tfidf_bigram"]
    args = [str(tmp_path / "data"), "--level", level, "--json", str(out), "--model", "off"]
    code = main([*args, *systems])
    # then hicoop and the always-available baseline report quality and cost figures
    results = json.loads(out.read_text())
    assert code == 0
    quality = "ndcg@10" if level == "doc" else "acc@1"
    for system in ("hicoop", "tfidf_bigram"):
        assert results[system][quality] == pytest.approx(1.0)
        assert results[system]["peak_mb"] > 0 and "query_ms_p50" in results[system]


def test_a_system_that_raises_is_reported_failed_and_the_command_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # given a system whose measurement raises in its child process
    from hicoop.bench import match

    monkeypatch.setattr(match, "in_child", lambda target, args: "RuntimeError: boom")
    # when the benchmark runs it
    code = main([str(tmp_path / "none.jsonl"), "--systems", "hicoop"])
    # then it is reported as failed, not skipped, and the exit status is 1
    err = capsys.readouterr().err
    assert code == 1
    assert "hicoop: FAILED (RuntimeError: boom)" in err and "skipped" not in err


def test_owner_model_reports_the_latent_view_it_leaves_out_above_the_cap() -> None:
    # given more owned records than the latent semantic view handles
    import numpy as np
    import scipy.sparse as sp

    from hicoop.engine.owners import LSA_MAX_RECORDS, OwnerModel

    n = LSA_MAX_RECORDS + 1
    owner_of = np.arange(n, dtype=np.int64) % 3
    records = sp.csr_matrix(
        (np.ones(n), (np.arange(n), np.arange(n) % 50)), shape=(n, 50), dtype=np.float64
    )
    # when the model is built / then the skipped view is reported, and a small one keeps it
    model = OwnerModel(["a", "b", "c"], owner_of, records)
    assert model.views == ("profile", "cnb")
    assert model.notes and str(LSA_MAX_RECORDS) in model.notes[0]
    small = OwnerModel(["a", "b", "c"], owner_of[:30], records[:30])
    assert small.views == ("profile", "cnb", "lsa") and small.notes == []


class TestAnnMeasures:
    """``bench semantic``'s recall measures and its kept ANN builds."""

    def test_recall_counts_shared_ids_and_tie_recall_counts_hits_as_close_as_the_tenth(
        self,
    ) -> None:
        from hicoop.bench.semantic import TIE_EPSILON, _recall, _tie_recall

        exact = [[(f"e{i}", 0.9 - i * 0.01) for i in range(12)]]  # the tenth: 0.81
        found = [[*exact[0][:8], ("x", 0.81 - TIE_EPSILON / 2), ("y", 0.5)]]
        assert _recall(found, exact) == pytest.approx(0.8)
        # "x" is not among the exact ten but as close as the tenth up to a near-tie; "y" is not
        assert _tie_recall(found, exact) == pytest.approx(0.9)

    def test_a_kept_build_is_reused_with_its_recorded_build_time(self, tmp_path: Path) -> None:
        pytest.importorskip("usearch")
        import numpy as np

        from hicoop.bench.semantic import _built_index
        from hicoop.engine.embedding import ModelInfo
        from hicoop.engine.semantic import AnnSettings, VectorStore

        rows = np.random.default_rng(5).normal(size=(300, 8)).astype(np.float32)
        ann = AnnSettings(connectivity=8, expansion_add=32, expansion_search=64)

        def store() -> VectorStore:
            built = VectorStore(ModelInfo("t", "1", 8), ann)
            built.set_many([f"v{i:03d}" for i in range(300)], rows)
            return built

        first_store = store()
        first, seconds, reused = _built_index(first_store, ann, 300, tmp_path)
        assert not reused and seconds > 0 and len(list(tmp_path.glob("*.usearch"))) == 1
        assert first_store._ann is not None and first_store._ann[1] is first
        again_store = store()
        again, kept_seconds, reused = _built_index(again_store, ann, 300, tmp_path)
        assert reused and kept_seconds == pytest.approx(seconds)
        assert again_store._ann is not None and again_store._ann[1] is again
        query = rows[7] / np.linalg.norm(rows[7])
        assert again_store._ann_search(query, 5) == first_store._ann_search(query, 5)
        assert (again_store._ann_search(query, 1) or [("", 0.0)])[0][0] == "v007"
