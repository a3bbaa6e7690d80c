"""Labels of the meetings domain: kinds of meeting, statuses, sources and decision kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hicoop.core.notifications import NoticeKind


class MeetingKind(models.TextChoices):
    PROMOTION = "promotion", _("Cooperation mechanism promotion meeting")
    CONSULTATION = "consultation", _("Ministry–province consultation")
    EXTRA = "extra", _("Extra session")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("In preparation")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")


class Rsvp(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Attending")
    DECLINED = "declined", _("Not attending")


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    MERGED = "merged", _("Merged into another topic")
    DECLINED = "declined", _("Declined")


class AgendaStatus(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary agenda")
    FINAL = "final", _("Final agenda")


class RequestSource(models.TextChoices):
    MATCH = "match", _("From a match run")
    INTEREST = "interest", _("From an expression of interest")
    LIST = "list", _("From the participant list")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DecisionKind(models.TextChoices):
    ADJUST_ITEM = "adjust_item", _("Adjust an item's content")
    CREATE_ITEM = "create_item", _("Create an item")
    SUSPEND_ITEM = "suspend_item", _("Suspend an item")
    CLOSE_ITEM = "close_item", _("Close an item")
    CREATE_TASK = "create_task", _("Create a key task")
    RETARGET_TASK = "retarget_task", _("Re-target a key task")
    LIST_ADJUSTMENT = "list_adjustment", _("Ask for a negative-list or policy-catalogue adjustment")
    OTHER = "other", _("Other")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Recorded, not yet carried out")
    EXECUTED = "executed", _("Carried out")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


# Kinds that act on a cooperation item, and on a key task.
ITEM_KINDS = frozenset(
    {DecisionKind.ADJUST_ITEM, DecisionKind.SUSPEND_ITEM, DecisionKind.CLOSE_ITEM}
)
TASK_KINDS = frozenset({DecisionKind.RETARGET_TASK})

INVITED = NoticeKind(
    "meetings.invited", _("Meeting invitation"), _("You are invited to %(meeting)s")
)
REQUEST_RECEIVED = NoticeKind(
    "meetings.request_received",
    _("1:1 meeting request"),
    _("%(delegate)s asks to meet you at %(meeting)s"),
)
REQUEST_ANSWERED = NoticeKind(
    "meetings.request_answered",
    _("1:1 meeting request answered"),
    _("%(delegate)s %(answer)s your request to meet at %(meeting)s"),
)
SCHEDULE_CHANGED = NoticeKind(
    "meetings.schedule_changed",
    _("1:1 schedule changed"),
    _("Your 1:1 schedule at %(meeting)s has changed (%(count)s meetings)"),
)
ACTION_ASSIGNED = NoticeKind(
    "meetings.action_assigned",
    _("Follow-up action assigned"),
    _("%(decision)s: %(action)s, due %(due)s"),
)
NOTICE_KINDS = (INVITED, REQUEST_RECEIVED, REQUEST_ANSWERED, SCHEDULE_CHANGED, ACTION_ASSIGNED)
