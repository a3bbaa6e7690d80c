"""Engine tests: no database, no Django, tiny corpora built in code."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from hicoop.engine import (
    Analyzer,
    AnalyzerConfig,
    AssignmentProblem,
    CoalitionProblem,
    Filters,
    MatchIndex,
    PriorityMatrix,
    Query,
    RankingWeights,
    Record,
    assign,
    coalition_value,
    greedy_assign,
    greedy_coalition,
    normalize,
    owners,
    solve_coalition,
    solve_coalition_milp,
    top_k,
    top_owners,
)
from hicoop.engine.text import BIGRAM_PREFIX

CORPUS = (
    Record(
        "r1",
        "深远海养殖装备",
        "研发深远海养殖工船与网箱装备",
        ("深远海", "养殖"),
        "o1",
        "capability",
        "上海",
        "active",
        ("ocean",),
    ),
    Record(
        "r2",
        "热带水果保鲜",
        "芒果与香蕉采后保鲜技术",
        ("保鲜",),
        "o2",
        "capability",
        "广东",
        "active",
        ("agri",),
    ),
    Record(
        "r3",
        "海洋装备检测",
        "海洋装备与船舶的无损检测服务",
        ("检测",),
        "o3",
        "capability",
        "湖南",
        "active",
        ("ocean",),
    ),
    Record(
        "r4",
        "超级杂交稻育种",
        "杂交水稻育种与南繁基地合作",
        ("杂交稻",),
        "o3",
        "achievement",
        "湖南",
        "closed",
        ("agri",),
    ),
    Record(
        "r5",
        "深海探测机器人",
        "深海探测与水下机器人装备研发",
        ("机器人",),
        "o1",
        "capability",
        "深圳",
        "active",
        ("ocean",),
    ),
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture()
def index(analyzer: Analyzer) -> MatchIndex:
    return MatchIndex.build(CORPUS, analyzer)


def ids(index: MatchIndex, text: str, **kwargs: object) -> list[str]:
    return [c.record_id for c in top_k(index, Query(text), **kwargs).candidates]  # type: ignore[arg-type]


class TestNormalisation:
    def test_full_width_and_case_fold_to_half_width_lower(self) -> None:
        # given full-width latin, digits and a full-width space
        text = "ＡＢＣ　１２３\tＤｅｆ"
        # when normalised
        # then NFKC half width, lower case, single spaces
        assert normalize(text) == "abc 123 def"

    def test_control_characters_cannot_forge_bigram_terms(self, analyzer: Analyzer) -> None:
        terms = analyzer.terms(BIGRAM_PREFIX + "海洋")
        assert all(t == "海洋" or t.startswith(BIGRAM_PREFIX) for t in terms)
        assert BIGRAM_PREFIX + "海洋" in terms  # only the genuine bigram channel term


class TestTokenisation:
    def test_user_dictionary_keeps_a_domain_term_whole(self) -> None:
        # given a term jieba does not know as one word
        plain = Analyzer(AnalyzerConfig(bigrams=False))
        custom = Analyzer(AnalyzerConfig(user_terms=("崖州湾科技城",), bigrams=False))
        # when both segment the same sentence
        # then only the analyzer with the user dictionary keeps it whole
        assert "崖州湾科技城" not in plain.words("三亚崖州湾科技城招商")
        assert "崖州湾科技城" in custom.words("三亚崖州湾科技城招商")

    def test_user_terms_do_not_leak_between_analyzers(self) -> None:
        Analyzer(AnalyzerConfig(user_terms=("南繁硅谷育种",))).words("南繁硅谷育种")
        assert "南繁硅谷育种" not in Analyzer().words("南繁硅谷育种")

    def test_stopwords_dropped_and_bigram_channel_added(self, analyzer: Analyzer) -> None:
        terms = analyzer.terms("基于深远海的养殖研究")
        assert "的" not in terms and "研究" not in terms
        assert "深远海" in terms or "深远" in terms
        assert BIGRAM_PREFIX + "远海" in terms


class TestIncrementalIndex:
    def test_add_and_remove_equal_a_rebuild(self, analyzer: Analyzer) -> None:
        # given an index built from the first three records, then changed one by one
        index = MatchIndex.build(CORPUS[:3], analyzer)
        index.add(CORPUS[3])
        index.add(CORPUS[4])
        index.remove("r2")
        index.update(Record("r3", "海洋装备检测", "船舶检测", ("检测",), "o3"))
        rebuilt = MatchIndex.build(
            [CORPUS[0], Record("r3", "海洋装备检测", "船舶检测", ("检测",), "o3"), *CORPUS[3:]],
            analyzer,
        )
        # when the same queries run on both
        for text in ("深海装备研发", "海洋检测", "杂交稻育种", "保鲜"):
            got = top_k(index, Query(text), k=5).candidates
            want = top_k(rebuilt, Query(text), k=5).candidates
            # then rankings and scores match
            assert [c.record_id for c in got] == [c.record_id for c in want]
            assert [c.score for c in got] == pytest.approx([c.score for c in want], rel=1e-5)
        assert "r2" not in index and len(index) == len(rebuilt) == 4

    def test_compaction_keeps_results(self, index: MatchIndex) -> None:
        before = ids(index, "海洋装备")
        index.remove("r1")
        index.compact()
        assert ids(index, "海洋装备") == [r for r in before if r != "r1"]


class TestPointToPoint:
    def test_explanation_reports_terms_fields_and_priority_pair(self, index: MatchIndex) -> None:
        priority = PriorityMatrix.from_mapping({("上海", "ocean"): 1.0})
        query = Query("深远海养殖", fields=("ocean",))
        best = top_k(index, query, k=1, priority=priority).candidates[0]
        assert best.record_id == "r1"
        explanation = best.explanation
        assert {"养殖", "深远"} <= set(explanation.matched_terms)
        assert explanation.fields_in_common == ("ocean",)
        assert explanation.priority_pair == ("上海", "ocean")
        assert sum(v for _, v in explanation.contributions) == pytest.approx(best.score)

    def test_filters_remove_records_and_say_why(self, index: MatchIndex) -> None:
        result = top_k(
            index,
            Query("杂交稻育种 海洋装备"),
            k=5,
            filters=Filters(statuses=frozenset({"active"})),
        )
        assert "r4" not in [c.record_id for c in result.candidates]
        assert [f.record_id for f in result.filtered_out] == ["r4"]
        assert result.filtered_out[0].reasons == ("status 'closed'",)

    def test_priority_boost_changes_the_ranking(self, index: MatchIndex) -> None:
        query = Query("海洋装备", fields=("ocean",))
        plain = ids(index, "海洋装备")
        boosted = [
            c.record_id
            for c in top_k(
                index,
                query,
                k=3,
                weights=RankingWeights(priority=5.0),
                priority=PriorityMatrix.from_mapping({("深圳", "ocean"): 1.0}),
            ).candidates
        ]
        assert boosted[0] == "r5" and plain[0] != "r5"

    def test_ties_break_by_record_id(self, analyzer: Analyzer) -> None:
        twins = [Record(i, "海洋", "海洋") for i in ("b", "a", "c")]
        assert ids(MatchIndex.build(twins, analyzer), "海洋") == ["a", "b", "c"]

    def test_owners_ranked_by_their_records(self, index: MatchIndex) -> None:
        result = top_owners(index, Query("深海装备 机器人 养殖"), k=3)
        assert result.candidates[0].owner == "o1"
        assert {c.record_id for c in result.candidates[0].evidence} <= {"r1", "r5"}
        assert result.engine_version and result.formula

    def test_owner_fusion_is_default_and_follows_index_changes(self, analyzer: Analyzer) -> None:
        records = [
            Record("a1", "深海养殖网箱", "深远海养殖工船与网箱装备", ("养殖",), "sea"),
            Record("a2", "海洋牧场", "海洋牧场 鱼类 养殖 监测", ("海洋",), "sea"),
            Record("b1", "锂电池材料", "锂电池 正极材料 电化学 性能", ("电池",), "battery"),
            Record("b2", "固态电解质", "固态电池 电解质 离子电导率", ("电池",), "battery"),
            Record("c1", "中药复方", "中药 复方 药理 临床 疗效", ("中药",), "tcm"),
        ]
        index = MatchIndex.build(records, analyzer)
        result = top_owners(index, Query("网箱养殖 海洋"), k=3)
        assert result.method == "fusion"
        assert result.candidates[0].owner == "sea"
        assert result.candidates[0].lexical == 1.0
        assert {e.record_id for e in result.candidates[0].evidence} <= {"a1", "a2"}
        # Only owners sharing a term with the query are returned; filters still exclude.
        assert "tcm" not in {c.owner for c in result.candidates}
        excluded = top_owners(
            index, Query("网箱养殖 海洋"), filters=Filters(exclude_owners=frozenset({"sea"}))
        )
        assert "sea" not in {c.owner for c in excluded.candidates}
        # The owner model is rebuilt after a record changes owner.
        index.add(Record("c2", "网箱养殖 海洋 中药", "网箱养殖 海洋 中药 网箱", ("网箱",), "tcm"))
        index.remove("a1")
        index.remove("a2")
        after = top_owners(index, Query("网箱养殖 海洋"), k=3)
        assert after.candidates[0].owner == "tcm"

    def test_owner_fusion_without_latent_view(
        self, index: MatchIndex, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(owners, "LSA_MAX_RECORDS", 1)
        index.add(Record("extra", "深海", "深海装备", (), "o1"))  # invalidates the owner model
        result = top_owners(index, Query("深海装备 机器人 养殖"), k=3)
        assert result.candidates[0].owner == "o1"


def problem(edges: list[tuple[int, int, float]], capacity: list[int], n: int) -> AssignmentProblem:
    d, p, f = zip(*edges, strict=True)
    return AssignmentProblem(
        np.array(d, np.int64), np.array(p, np.int64), np.array(f), np.array(capacity, np.int64), n
    )


class TestAssignment:
    def test_optimal_beats_greedy_on_a_crafted_case(self) -> None:
        # given demand 0 slightly prefers partner 0, which is demand 1's only option
        crafted = problem([(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.85)], [1, 1], 2)
        # when solved
        best, greedy = assign(crafted), greedy_assign(crafted)
        # then the optimum serves both, greedy only one
        assert best.partner_of.tolist() == [1, 0]
        assert best.total_fit == pytest.approx(1.65)
        assert greedy.total_fit == pytest.approx(0.9)

    def test_repeated_edges_keep_the_best_fit(self) -> None:
        repeated = problem([(0, 0, 0.2), (0, 0, 0.7), (1, 0, 0.5), (1, 1, 0.1)], [1, 1], 2)
        result = assign(repeated)
        assert result.partner_of.tolist() == [0, 1]
        assert result.total_fit == pytest.approx(0.8)

    def test_capacities_respected_and_matches_brute_force(self) -> None:
        rng = np.random.default_rng(7)
        for _ in range(20):
            edges = [
                (d, p, float(rng.integers(1, 10)))
                for d in range(5)
                for p in range(3)
                if rng.random() < 0.6
            ]
            if not edges:
                continue
            capacity = rng.integers(0, 3, 3).tolist()
            result = assign(problem(edges, capacity, 5))
            used = np.bincount(result.partner_of[result.partner_of >= 0], minlength=3)
            assert (used <= np.array(capacity)).all()
            assert result.total_fit == pytest.approx(_brute_assignment(edges, capacity, 5))


def _brute_assignment(edges: list[tuple[int, int, float]], capacity: list[int], n: int) -> float:
    options: list[list[tuple[int, float]]] = [[(-1, 0.0)] for _ in range(n)]
    for d, p, f in edges:
        options[d].append((p, f))
    best = 0.0
    for combo in itertools.product(*options):
        used = np.bincount([p for p, _ in combo if p >= 0], minlength=len(capacity))
        if (used <= np.array(capacity)).all():
            best = max(best, sum(f for _, f in combo))
    return best


def coalition_problem(
    rng: np.random.Generator, partners: int, reqs: int, k: int
) -> CoalitionProblem:
    quality = np.round(rng.random((partners, reqs)) * (rng.random((partners, reqs)) < 0.5), 2)
    return CoalitionProblem(
        tuple(f"p{i}" for i in range(partners)),
        tuple(f"r{j}" for j in range(reqs)),
        quality,
        tuple(float(w) for w in np.round(rng.random(reqs) + 0.5, 2)),
        k,
    )


class TestCoalition:
    def test_optimal_equals_brute_force_on_small_random_cases(self) -> None:
        rng = np.random.default_rng(11)
        for _ in range(40):
            case = coalition_problem(rng, 8, 5, int(rng.integers(1, 4)))
            brute = max(
                coalition_value(case, list(s))
                for size in range(case.max_partners + 1)
                for s in itertools.combinations(range(8), size)
            )
            result = solve_coalition(case)
            assert result.value == pytest.approx(brute)
            assert len(result.members) <= case.max_partners

    def test_milp_agrees_with_the_dynamic_programme(self) -> None:
        case = coalition_problem(np.random.default_rng(3), 30, 6, 3)
        assert solve_coalition_milp(case).value == pytest.approx(solve_coalition(case).value)

    def test_greedy_fallback_is_valid_and_explains_covers(self) -> None:
        case = coalition_problem(np.random.default_rng(5), 20, 6, 2)
        result = greedy_coalition(case)
        assert len(result.members) <= 2 and not result.optimal
        for cover in result.covers:
            assert cover.partner in result.members
            row = case.partners.index(cover.partner)
            assert case.quality[row, case.requirements.index(cover.requirement)] == cover.quality
        assert result.value <= solve_coalition(case).value + 1e-9
