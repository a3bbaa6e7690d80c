"""1:1 matchmaking schedules (对接洽谈排程): exact (CP-SAT), greedy baseline, LP upper bound."""

from hicoop.engine.scheduling.bounds import upper_bound
from hicoop.engine.scheduling.exact import Effort, solve_exact
from hicoop.engine.scheduling.greedy import solve_greedy
from hicoop.engine.scheduling.problem import (
    CAP_REACHED,
    NO_COMMON_SLOT,
    SCHEDULE_VERSION,
    SLOTS_TAKEN,
    Delegate,
    Meeting,
    Request,
    Schedule,
    ScheduleInputError,
    ScheduleProblem,
    Unplaced,
)

__all__ = [
    "CAP_REACHED",
    "NO_COMMON_SLOT",
    "SCHEDULE_VERSION",
    "SLOTS_TAKEN",
    "Delegate",
    "Effort",
    "Meeting",
    "Request",
    "Schedule",
    "ScheduleInputError",
    "ScheduleProblem",
    "Unplaced",
    "solve_exact",
    "solve_greedy",
    "upper_bound",
]
