"""Writes of the meetings domain; every function is one transaction and names its actor."""

from hicoop.meetings.services.agenda import (
    add_entry,
    agenda_of,
    finalize_agenda,
    generate_agenda,
    move_entry,
    remove_entry,
    update_entry,
)
from hicoop.meetings.services.decisions import (
    add_action,
    complete_action,
    execute_decision,
    record_decision,
)
from hicoop.meetings.services.delegates import answer_invitation, invite_delegate, set_availability
from hicoop.meetings.services.meetings import (
    add_document,
    add_slots,
    create_meeting,
    record_minutes,
    transition_meeting,
    update_meeting,
)
from hicoop.meetings.services.sessions import (
    answer_request,
    lock_meeting,
    publish_schedule,
    request_meeting,
    start_schedule,
    store_schedule,
    withdraw_request,
)
from hicoop.meetings.services.topics import decide_topic, propose_topic

__all__ = [
    "add_action",
    "add_document",
    "add_entry",
    "add_slots",
    "agenda_of",
    "answer_invitation",
    "answer_request",
    "complete_action",
    "create_meeting",
    "decide_topic",
    "execute_decision",
    "finalize_agenda",
    "generate_agenda",
    "invite_delegate",
    "lock_meeting",
    "move_entry",
    "propose_topic",
    "publish_schedule",
    "record_decision",
    "record_minutes",
    "remove_entry",
    "request_meeting",
    "set_availability",
    "start_schedule",
    "store_schedule",
    "transition_meeting",
    "update_entry",
    "update_meeting",
    "withdraw_request",
]
