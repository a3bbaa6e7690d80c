"""Promotion meetings (合作机制推进会), ministry–province consultations (部省会商) and extra
sessions: delegates with RSVP, topics, the agenda, 1:1 matchmaking requests and their schedule,
decisions (决定第N项) and follow-up actions."""

from hicoop.meetings.models.decisions import Decision, FollowUp
from hicoop.meetings.models.meetings import Agenda, AgendaEntry, Delegate, Meeting, Slot, Topic
from hicoop.meetings.models.sessions import MeetingRequest, ScheduleRun, SessionMeeting

__all__ = [
    "Agenda",
    "AgendaEntry",
    "Decision",
    "Delegate",
    "FollowUp",
    "Meeting",
    "MeetingRequest",
    "ScheduleRun",
    "SessionMeeting",
    "Slot",
    "Topic",
]
