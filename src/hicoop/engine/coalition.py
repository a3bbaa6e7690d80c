"""多对一 mode: a coalition of at most K partners covering a demand's required capabilities.

value(S) = Σ_r w_r · max_{p∈S} q[p, r]. Exact: a mixed-integer programme solved by HiGHS
(``scipy.optimize.milp``): binary y_p (partner chosen), x_pr ∈ [0, 1] (p covers r),
Σ_p x_pr ≤ 1, x_pr ≤ y_p, Σ_p y_p ≤ K. The default exact solver is a dynamic programme over requirement subsets (exact, and far
faster than the MILP for up to ~14 requirements; the MILP stays for more requirements and as a
cross-check). Fast fallback: greedy by marginal
gain, which reaches at
least (1 − 1/e) of the optimum because the objective is monotone submodular.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from hicoop.engine.ranking import ENGINE_VERSION

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CoalitionProblem:
    """``quality[p, r]`` in [0, 1]: how well partner ``p`` covers requirement ``r``."""

    partners: tuple[str, ...]
    requirements: tuple[str, ...]
    quality: FloatArray
    weights: tuple[float, ...]
    max_partners: int


@dataclass(frozen=True)
class Cover:
    requirement: str
    partner: str
    quality: float
    weight: float


@dataclass(frozen=True)
class Coalition:
    """Chosen partners, who covers which requirement, and the value reached."""

    members: tuple[str, ...]
    covers: tuple[Cover, ...]
    uncovered: tuple[str, ...]
    value: float
    method: str
    optimal: bool
    engine_version: str = ENGINE_VERSION


def coalition_value(problem: CoalitionProblem, members: list[int]) -> float:
    """Weighted coverage of a set of partner indices."""
    if not members:
        return 0.0
    best = problem.quality[members].max(axis=0)
    return float(np.dot(best, np.asarray(problem.weights)))


def solve_coalition(problem: CoalitionProblem, max_dp_requirements: int = 14) -> Coalition:
    """Optimal coalition: dynamic programme over requirement subsets when there are at most
    ``max_dp_requirements`` requirements, else the MILP."""
    if len(problem.requirements) > max_dp_requirements:
        return solve_coalition_milp(problem)
    return _result(problem, _subset_dp(problem), "subset-dp", optimal=True)


def solve_coalition_milp(problem: CoalitionProblem) -> Coalition:
    """The same optimum through HiGHS; slower, kept for many requirements and cross-checks."""
    chosen = _milp(problem, np.flatnonzero((problem.quality > 0).any(axis=1)))
    if chosen is None:
        return greedy_coalition(problem)
    return _result(problem, chosen, "milp", optimal=True)


def _subset_dp(problem: CoalitionProblem) -> list[int]:
    """Split the requirements into at most K groups, each served by its best single partner.

    best[G] = max_p Σ_{r∈G} w_r q[p, r]; f_k[M] = max over groups G ⊆ M holding M's lowest
    requirement of best[G] + f_{k-1}[M \\ G]. Cost O(P·2^R + K·3^R), independent of K's worst case.
    """
    r = len(problem.requirements)
    if problem.max_partners <= 0 or r == 0 or not len(problem.partners):
        return []
    masks = np.arange(1 << r)
    member = (masks[:, None] >> np.arange(r)[None, :]) & 1
    gain = (problem.quality * np.asarray(problem.weights)) @ member.T.astype(np.float64)
    best, who = gain.max(axis=0), gain.argmax(axis=0)
    if problem.max_partners >= r:
        singles = 1 << np.arange(r)
        return sorted({int(who[m]) for m in singles if best[m] > 1e-12})
    sub, rest, starts = _split_table(r)
    candidates = best[sub]
    levels = [np.zeros(1 << r)]
    for _ in range(problem.max_partners):
        f = np.zeros(1 << r)
        f[1:] = np.maximum.reduceat(candidates + levels[-1][rest], starts)
        levels.append(f)
    return sorted(_backtrack(levels, best, who, sub, rest, starts))


@lru_cache(maxsize=16)
def _split_table(
    r: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For every non-empty mask M: its submasks G holding M's lowest bit, and M \\ G."""
    subs: list[npt.NDArray[np.int64]] = []
    for mask in range(1, 1 << r):
        low = mask & -mask
        others = mask ^ low
        bits = [b for b in range(r) if others >> b & 1]
        combos = np.zeros(1, np.int64)
        for b in bits:
            combos = np.concatenate([combos, combos | (1 << b)])
        subs.append(np.sort(combos | low))
    lengths = np.array([len(s) for s in subs])
    sub = np.concatenate(subs)
    owner = np.repeat(np.arange(1, 1 << r), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return sub, owner ^ sub, starts


def _backtrack(
    levels: list[FloatArray],
    best: FloatArray,
    who: npt.NDArray[np.intp],
    sub: npt.NDArray[np.int64],
    rest: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
) -> set[int]:
    mask, members = len(best) - 1, set()
    for k in range(len(levels) - 1, 0, -1):
        if mask == 0 or levels[k][mask] <= 1e-12:
            break
        lo = int(starts[mask - 1])
        hi = int(starts[mask]) if mask < len(starts) else len(sub)
        totals = best[sub[lo:hi]] + levels[k - 1][rest[lo:hi]]
        pick = lo + int(np.flatnonzero(totals >= levels[k][mask] - 1e-12)[0])
        if best[sub[pick]] > 1e-12:
            members.add(int(who[sub[pick]]))
        mask = int(rest[pick])
    return members


def _milp(problem: CoalitionProblem, useful: npt.NDArray[np.intp]) -> list[int] | None:
    q = problem.quality[useful]
    n, r = q.shape
    if n == 0 or problem.max_partners <= 0:
        return []
    weights = np.asarray(problem.weights, dtype=np.float64)
    cost = np.concatenate([np.zeros(n), -(q * weights).ravel()])
    cover_once = sp.hstack([sp.csr_matrix((r, n)), sp.kron(np.ones((1, n)), sp.identity(r))])
    link = sp.hstack([-sp.kron(sp.identity(n), np.ones((r, 1))), sp.identity(n * r)])
    budget = sp.hstack([sp.csr_matrix(np.ones((1, n))), sp.csr_matrix((1, n * r))])
    constraints = [
        LinearConstraint(cover_once.tocsr(), -np.inf, 1),
        LinearConstraint(link.tocsr(), -np.inf, 0),
        LinearConstraint(budget.tocsr(), -np.inf, problem.max_partners),
    ]
    integrality = np.concatenate([np.ones(n), np.zeros(n * r)])
    result = milp(cost, constraints=constraints, integrality=integrality, bounds=Bounds(0, 1))
    if result.x is None:
        return None
    return sorted(int(useful[i]) for i in np.flatnonzero(result.x[:n] > 0.5))


def greedy_coalition(problem: CoalitionProblem) -> Coalition:
    """Add the partner with the largest marginal gain (ties: lowest index) up to K."""
    weights = np.asarray(problem.weights, dtype=np.float64)
    best = np.zeros(len(problem.requirements))
    members: list[int] = []
    for _ in range(problem.max_partners):
        gains = (np.maximum(problem.quality, best) - best) @ weights
        gains[members] = -1.0
        pick = int(np.argmax(gains))
        if gains[pick] <= 0:
            break
        members.append(pick)
        best = np.maximum(best, problem.quality[pick])
    return _result(problem, sorted(members), "greedy", optimal=False)


def _result(problem: CoalitionProblem, members: list[int], method: str, optimal: bool) -> Coalition:
    covers: list[Cover] = []
    uncovered: list[str] = []
    for r, name in enumerate(problem.requirements):
        column = problem.quality[members, r] if members else np.zeros(0)
        if len(column) and column.max() > 0:
            p = members[int(np.argmax(column))]
            covers.append(Cover(name, problem.partners[p], float(column.max()), problem.weights[r]))
        else:
            uncovered.append(name)
    used = sorted({c.partner for c in covers}, key=problem.partners.index)
    value = coalition_value(problem, members)
    return Coalition(tuple(used), tuple(covers), tuple(uncovered), value, method, optimal)
