"""hicoop's pure-Python matching engine (no Django): text analysis, index, ranking and the
three cooperation modes — 点对点 (``top_k``, ``top_owners``), 一对一 (``assign``) and
多对一 (``solve_coalition``)."""

from hicoop.engine.assignment import Assignment, AssignmentProblem, assign, greedy_assign
from hicoop.engine.coalition import (
    Coalition,
    CoalitionProblem,
    Cover,
    coalition_value,
    greedy_coalition,
    solve_coalition,
    solve_coalition_milp,
)
from hicoop.engine.index import IndexConfig, MatchIndex, Record
from hicoop.engine.lexical import Bm25Params, LexicalIndex
from hicoop.engine.pointwise import (
    Candidate,
    FilteredOut,
    MatchResult,
    OwnerCandidate,
    OwnerMatchResult,
    top_k,
    top_owners,
)
from hicoop.engine.ranking import (
    ENGINE_VERSION,
    FORMULA,
    Explanation,
    Filters,
    PriorityMatrix,
    Query,
    RankingWeights,
)
from hicoop.engine.text import Analyzer, AnalyzerConfig, FieldWeights, normalize

__all__ = [
    "ENGINE_VERSION",
    "FORMULA",
    "Analyzer",
    "AnalyzerConfig",
    "Assignment",
    "AssignmentProblem",
    "Bm25Params",
    "Candidate",
    "Coalition",
    "CoalitionProblem",
    "Cover",
    "Explanation",
    "FieldWeights",
    "FilteredOut",
    "Filters",
    "IndexConfig",
    "LexicalIndex",
    "MatchIndex",
    "MatchResult",
    "OwnerCandidate",
    "OwnerMatchResult",
    "PriorityMatrix",
    "Query",
    "RankingWeights",
    "Record",
    "assign",
    "coalition_value",
    "greedy_assign",
    "greedy_coalition",
    "normalize",
    "solve_coalition",
    "solve_coalition_milp",
    "top_k",
    "top_owners",
]
