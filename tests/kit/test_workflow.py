"""The one workflow kit: a pure table, one apply_transition, one event row per change."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from hicoop.core.actors import LOADER
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.models import WorkflowEvent
from hicoop.core.testing import user
from hicoop.core.workflow import (
    OFFICE,
    Transition,
    TransitionNotAllowed,
    Workflow,
    apply_transition,
    event_labels,
    events_of,
)
from hicoop.listings.choices import ListingStatus as S

FLOW = Workflow(
    "tests.kit",
    S,
    Transition("submit", {S.DRAFT}, S.SUBMITTED, label="Submit"),
    Transition("return", {S.SUBMITTED}, S.RETURNED, by=OFFICE, needs_reason=True),
)


class TestApplyTransition:
    def test_allowed_step_changes_status_and_writes_one_event(self, demand: Any) -> None:
        # given a draft, when its owner submits it
        event = apply_transition(demand, "submit", actor=user("unit-haikou"), workflow=FLOW)
        # then the status is stored and one event names actor, action and both statuses
        demand.refresh_from_db()
        assert demand.status == S.SUBMITTED
        assert (event.from_status, event.to_status, event.action) == (
            S.DRAFT,
            S.SUBMITTED,
            "submit",
        )
        assert event.actor == user("unit-haikou") and event.actor_name == "unit-haikou"
        assert list(events_of(demand)) == [event]

    def test_step_not_in_table_changes_nothing(self, demand: Any) -> None:
        with pytest.raises(TransitionNotAllowed) as err:
            apply_transition(demand, "return", actor=user("office"), workflow=FLOW, reason="x")
        assert err.value.status == 409 and err.value.details["status"] == S.DRAFT
        demand.refresh_from_db()
        assert demand.status == S.DRAFT
        assert not events_of(demand).exists()

    def test_reason_is_required_where_the_table_says_so(self, demand: Any) -> None:
        apply_transition(demand, "submit", actor=user("unit-haikou"), workflow=FLOW)
        with pytest.raises(ValidationFailed) as err:
            apply_transition(demand, "return", actor=user("office"), workflow=FLOW, reason="  ")
        assert "reason" in err.value.details
        assert events_of(demand).count() == 1

    def test_may_refuses_a_step_for_this_actor(self, demand: Any) -> None:
        with pytest.raises(PermissionDenied):
            apply_transition(
                demand, "submit", actor=user("hunan"), workflow=FLOW, may=lambda t: False
            )
        demand.refresh_from_db()
        assert demand.status == S.DRAFT

    def test_stale_copy_is_checked_against_the_stored_status(self, demand: Any) -> None:
        # given two copies of one record, when both try the same step
        stale = type(demand).objects.get(pk=demand.pk)
        apply_transition(demand, "submit", actor=user("unit-haikou"), workflow=FLOW)
        # then the second is refused: the stored status is read under a lock, not the copy's
        with pytest.raises(TransitionNotAllowed):
            apply_transition(stale, "submit", actor=user("unit-haikou"), workflow=FLOW)
        assert WorkflowEvent.objects.filter(workflow="tests.kit").count() == 1

    def test_system_actor_is_named_in_history(self, demand: Any) -> None:
        event = apply_transition(demand, "submit", actor=LOADER, workflow=FLOW)
        assert event.actor is None and event.actor_name == "system:loader"

    def test_labels_follow_the_language(self, demand: Any) -> None:
        event = apply_transition(demand, "submit", actor=user("unit-haikou"), workflow=FLOW)
        with translation.override("zh-hans"):
            zh = event_labels(event)
        with translation.override("en"):
            en = event_labels(event)
        assert (zh["from"], zh["to"]) == ("草稿", "待审核")
        assert (en["from"], en["to"]) == ("Draft", "Submitted for review")
