"""The demo (``hicoop demo``): the 2026 meeting with topics, a generated final agenda, a 1:1
schedule with nobody double-booked and every unplaced request explained, decisions that adjusted
an item and created a follow-up action in its owner's workspace; a second run adds nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from hicoop.cooperation.demo import ensure_demo_cooperation
from hicoop.core.actors import DEMO
from hicoop.core.testing import user
from hicoop.core.workspace import todos_for
from hicoop.listings.demo import ensure_demo_listings
from hicoop.matchmaking import adapter as matching
from hicoop.matchmaking.demo import ensure_demo_matching
from hicoop.meetings import demo, selectors
from hicoop.meetings.models import Meeting, SessionMeeting

pytestmark = pytest.mark.django_db


def test_demo_meeting_end_to_end() -> None:
    matching.reset_index()
    ensure_demo_listings()
    ensure_demo_cooperation()
    ensure_demo_matching()
    counts = demo.ensure_demo(actor=DEMO)
    assert counts["meetings"] == 2 and counts["decisions"] >= 5
    meeting = Meeting.objects.get(title=demo.TITLE)
    # topics collected and decided
    assert {t.status for t in meeting.topics.all()} == {"accepted", "merged", "declined"}
    # a generated, edited and final agenda holding pipeline entries and the accepted topics
    agenda = meeting.agenda
    assert agenda.frozen and agenda.generated_at is not None
    sections = set(agenda.entries.values_list("section", flat=True))
    assert {"lagging_items", "key_tasks", "topics", "other"} <= sections
    # the schedule: nobody double-booked, locks kept, every unplaced request explained
    placed = list(SessionMeeting.objects.filter(slot__meeting=meeting).select_related("request"))
    busy = Counter(
        (d, p.slot_id) for p in placed for d in (p.request.requester_id, p.request.invitee_id)
    )
    assert placed and max(busy.values()) == 1
    run = selectors.last_run(meeting=meeting)
    assert run.locked == 2 and sum(1 for p in placed if p.locked) == 2
    assert run.placed + len(run.unplaced) == run.requests
    assert run.unplaced and all(u["code"] for u in run.unplaced)
    # decisions: an adjusted item version cites the decision; a follow-up in its owner's workspace
    adjusted = meeting.decisions.get(kind="adjust_item")
    assert adjusted.reference == "2026年推进会决定第3项"
    assert adjusted.result_version.decision_ref == "2026年推进会决定第3项"
    todos = todos_for(user("shanghai"), demo.TODAY)
    assert any("负面清单" in t.title for t in todos)
    # a second run adds nothing
    assert demo.ensure_demo(actor=DEMO) == {"meetings": 0}
