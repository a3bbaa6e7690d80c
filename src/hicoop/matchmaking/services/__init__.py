"""Matchmaking writes: runs in the three modes (``runs``), expressions of interest and answers
(``interests``), record and profile embeddings (``vectors``) and weights learned from answers
(``learning``). Import the functions from here."""

from hicoop.matchmaking.services.interests import (
    express_interest,
    express_interest_as_partner,
    respond_interest,
    withdraw_interest,
)
from hicoop.matchmaking.services.runs import (
    run_batch,
    run_coalition,
    run_point_to_point,
)

__all__ = [
    "express_interest",
    "express_interest_as_partner",
    "respond_interest",
    "run_batch",
    "run_coalition",
    "run_point_to_point",
    "withdraw_interest",
]
