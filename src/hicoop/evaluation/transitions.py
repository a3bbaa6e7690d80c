"""The pure status tables of the evaluation domain (applied by ``core.workflow``).

Data sets: the reporting party submits; its region coordinator approves; the joint office
approves and so locks; a locked data set is changed only after an unlock with a reason.
Runs and commendation lists are published by the office; a scenario is adopted with a reason.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hicoop.core.workflow import OFFICE, OWNER, Transition, Workflow
from hicoop.evaluation.choices import DataSetStatus, ListStatus, RunStatus, ScenarioStatus

COORDINATOR = "coordinator"
D = DataSetStatus

DATASET_WORKFLOW = Workflow(
    "evaluation.dataset",
    DataSetStatus,
    Transition("submit", {D.DRAFT}, D.SUBMITTED, by=OWNER, label=_("Submit")),
    Transition(
        "approve", {D.SUBMITTED}, D.COORDINATOR_APPROVED, by=COORDINATOR, label=_("Approve")
    ),
    Transition("lock", {D.COORDINATOR_APPROVED}, D.LOCKED, by=OFFICE, label=_("Approve and lock")),
    Transition(
        "return",
        {D.SUBMITTED, D.COORDINATOR_APPROVED},
        D.DRAFT,
        by=COORDINATOR,
        needs_reason=True,
        label=_("Return for changes"),
    ),
    Transition("unlock", {D.LOCKED}, D.DRAFT, by=OFFICE, needs_reason=True, label=_("Unlock")),
)

RUN_WORKFLOW = Workflow(
    "evaluation.run",
    RunStatus,
    Transition("publish", {RunStatus.DRAFT}, RunStatus.PUBLISHED, by=OFFICE, label=_("Publish")),
)

SCENARIO_WORKFLOW = Workflow(
    "evaluation.scenario",
    ScenarioStatus,
    Transition(
        "adopt",
        {ScenarioStatus.DRAFT},
        ScenarioStatus.ADOPTED,
        by=OFFICE,
        needs_reason=True,
        label=_("Adopt"),
    ),
)

LIST_WORKFLOW = Workflow(
    "evaluation.commendations",
    ListStatus,
    Transition("publish", {ListStatus.DRAFT}, ListStatus.PUBLISHED, by=OFFICE, label=_("Publish")),
)
