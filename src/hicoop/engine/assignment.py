"""一对一 mode: global assignment of demands to partners under partner capacities.

Maximises the total fit over a sparse candidate graph; a demand may stay unassigned. Exact
reduction first: a partner whose capacity covers all its remaining candidate edges constrains
nobody, so a demand whose best remaining edge goes to such a partner takes it (repeated until
stable). The contested rest is solved exactly as a rectangular assignment problem
(``scipy.sparse.csgraph.min_weight_full_bipartite_matching``, LAPJVsp) on partner capacity
copies plus one "unassigned" column per demand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from hicoop.engine.ranking import ENGINE_VERSION

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class AssignmentProblem:
    """Edges ``demand[i] → partner[i]`` with fit ``fit[i]`` (> 0); ``capacity[p]`` per partner."""

    demand: IntArray
    partner: IntArray
    fit: FloatArray
    capacity: IntArray
    n_demands: int


@dataclass(frozen=True)
class Assignment:
    """``partner_of[d]`` is the partner given to demand ``d`` or -1; plus audit data."""

    partner_of: IntArray
    fit_of: FloatArray
    total_fit: float
    method: str
    engine_version: str = ENGINE_VERSION


def assign(problem: AssignmentProblem) -> Assignment:
    """Optimal assignment: exact reduction, then LAPJVsp on the contested remainder."""
    demand, partner, fit = _positive_edges(problem)
    partner_of = np.full(problem.n_demands, -1, np.int64)
    fit_of = np.zeros(problem.n_demands)
    capacity = problem.capacity.astype(np.int64).copy()
    demand, partner, fit = _settle_uncontested(demand, partner, fit, capacity, partner_of, fit_of)
    if len(demand):
        _solve_exact(demand, partner, fit, capacity, partner_of, fit_of)
    return Assignment(partner_of, fit_of, float(fit_of.sum()), "reduction+lapjvsp")


def _positive_edges(problem: AssignmentProblem) -> tuple[IntArray, IntArray, FloatArray]:
    keep = (problem.fit > 0) & (problem.capacity[problem.partner] > 0)
    demand, partner, fit = problem.demand[keep], problem.partner[keep], problem.fit[keep]
    # A repeated (demand, partner) pair keeps its best fit only.
    order = np.lexsort((-fit, partner, demand))
    demand, partner, fit = demand[order], partner[order], fit[order]
    unique = np.ones(len(demand), bool)
    unique[1:] = (demand[1:] != demand[:-1]) | (partner[1:] != partner[:-1])
    demand, partner, fit = demand[unique], partner[unique], fit[unique]
    order = np.lexsort((partner, -fit, demand))
    return demand[order], partner[order], fit[order]


def _settle_uncontested(
    demand: IntArray,
    partner: IntArray,
    fit: FloatArray,
    capacity: IntArray,
    partner_of: IntArray,
    fit_of: FloatArray,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Give each demand its best edge while that partner has room for every edge it has."""
    while len(demand):
        degree = np.bincount(partner, minlength=len(capacity))
        first = np.ones(len(demand), bool)
        first[1:] = demand[1:] != demand[:-1]
        free = first & (degree[partner] <= capacity[partner])
        if not free.any():
            break
        settled_d, settled_p = demand[free], partner[free]
        partner_of[settled_d] = settled_p
        fit_of[settled_d] = fit[free]
        np.subtract.at(capacity, settled_p, 1)
        keep = (partner_of[demand] < 0) & (capacity[partner] > 0)
        demand, partner, fit = demand[keep], partner[keep], fit[keep]
    return demand, partner, fit


def _solve_exact(
    demand: IntArray,
    partner: IntArray,
    fit: FloatArray,
    capacity: IntArray,
    partner_of: IntArray,
    fit_of: FloatArray,
) -> None:
    rows, row_of = np.unique(demand, return_inverse=True)
    parts, part_of = np.unique(partner, return_inverse=True)
    copies = np.minimum(capacity[parts], np.bincount(part_of))
    first_copy = np.concatenate([[0], np.cumsum(copies)[:-1]])
    per_edge = copies[part_of]
    offsets = np.arange(per_edge.sum()) - np.repeat(np.cumsum(per_edge) - per_edge, per_edge)
    cols = np.repeat(first_copy[part_of], per_edge) + offsets
    n_copies = int(copies.sum())
    top = float(fit.max()) + 1.0
    matrix = sp.csr_matrix(
        (
            np.concatenate([top - np.repeat(fit, per_edge), np.full(len(rows), top)]),
            (
                np.concatenate([np.repeat(row_of, per_edge), np.arange(len(rows))]),
                np.concatenate([cols, n_copies + np.arange(len(rows))]),
            ),
        ),
        shape=(len(rows), n_copies + len(rows)),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
    real = matched_cols < n_copies
    copy_owner = np.repeat(np.arange(len(parts)), copies)
    chosen_rows = rows[matched_rows[real]]
    partner_of[chosen_rows] = parts[copy_owner[matched_cols[real]]]
    fit_of[chosen_rows] = top - np.asarray(matrix[matched_rows[real], matched_cols[real]]).ravel()


def greedy_assign(problem: AssignmentProblem) -> Assignment:
    """Fast baseline: edges by fit descending (ties: demand, partner), take when both free."""
    demand, partner, fit = problem.demand, problem.partner, problem.fit
    order = np.lexsort((partner, demand, -fit))
    partner_of = np.full(problem.n_demands, -1, np.int64)
    fit_of = np.zeros(problem.n_demands)
    capacity = problem.capacity.astype(np.int64).copy()
    for e in order.tolist():
        d, p = int(demand[e]), int(partner[e])
        if partner_of[d] < 0 and capacity[p] > 0 and fit[e] > 0:
            partner_of[d], fit_of[d] = p, fit[e]
            capacity[p] -= 1
    return Assignment(partner_of, fit_of, float(fit_of.sum()), "greedy")
