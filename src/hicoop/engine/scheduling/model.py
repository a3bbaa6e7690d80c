"""The placement problem as a sparse 0/1 program: a column per (request, slot) both delegates
are available in and no locked meeting holds; rows for each request (at most once), each slot
(its free tables), each delegate and slot (one meeting), and each delegate (their cap)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from hicoop.engine.scheduling.greedy import queue
from hicoop.engine.scheduling.occupancy import Occupancy
from hicoop.engine.scheduling.problem import Request


@dataclass(frozen=True)
class Program:
    requests: tuple[Request, ...]  # of each column
    slots: tuple[int, ...]  # of each column
    matrix: sp.csr_matrix
    limits: npt.NDArray[np.float64]

    @property
    def size(self) -> int:
        return len(self.slots)


def build(base: Occupancy) -> Program:
    requests: list[Request] = []
    slots: list[int] = []
    for r in queue(base.problem):
        for s in base.free_slots(r):
            requests.append(r)
            slots.append(s)
    rows: dict[tuple[str, int, int], int] = {}
    limits: list[float] = []
    entries: list[int] = []

    def row(key: tuple[str, int, int], limit: float) -> int:
        if key not in rows:
            rows[key] = len(limits)
            limits.append(limit)
        return rows[key]

    for r, s in zip(requests, slots, strict=True):
        entries.append(row(("request", r.id, 0), 1))
        entries.append(row(("slot", s, 0), base.problem.tables[s] - base.used[s]))
        for d in (r.a, r.b):
            entries.append(row(("busy", d, s), 1))
            entries.append(row(("cap", d, 0), base.delegates[d].cap - len(base.busy[d])))
    columns = np.repeat(np.arange(len(slots)), 6)
    matrix = sp.csr_matrix(
        (np.ones(len(entries)), (np.asarray(entries), columns)), shape=(len(limits), len(slots))
    )
    return Program(tuple(requests), tuple(slots), matrix, np.asarray(limits, dtype=np.float64))
