"""Topic collection (议题征集): parties propose before the deadline; the joint office accepts,
merges into another topic or declines, with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import require_office
from hicoop.core.actors import user_of
from hicoop.core.exceptions import Conflict, ValidationFailed
from hicoop.core.inputs import Attr, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.meetings.choices import MeetingStatus, TopicStatus
from hicoop.meetings.models import Meeting, Topic
from hicoop.meetings.services.common import party_or_error, require_party_editor

TOPIC_ATTRS = (
    Attr("party", "提出单位", "proposed by", "ref", required=True),
    Attr("title", "议题", "topic", "text", required=True, max_length=200),
    Attr("description", "说明", "description", "longtext", max_length=5000),
)


@transaction.atomic
def propose_topic(*, meeting: Meeting, data: Mapping[str, Any], actor: Any, on: dt.date) -> Topic:
    """A party's topic proposal, while the collection is open."""
    cleaned = clean(TOPIC_ATTRS, data)
    party = party_or_error(cleaned, "party", cleaned.values.get("party", ""))
    cleaned.raise_errors()
    assert party is not None
    require_party_editor(actor, party)
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(_("Topics are collected while the meeting is in preparation."))
    if meeting.topic_deadline and on > meeting.topic_deadline:
        raise Conflict(
            _("Topic proposals closed on %(day)s.") % {"day": meeting.topic_deadline.isoformat()}
        )
    topic = Topic.objects.create(
        meeting=meeting,
        party=party,
        title=cleaned.values["title"],
        description=cleaned.values.get("description", ""),
        submitted_by=user_of(actor),
    )
    audit.record(instance=topic, actor=actor, action=AuditAction.CREATE)
    return topic


@transaction.atomic
def decide_topic(
    *, topic: Topic, action: str, actor: Any, reason: str = "", into: Topic | None = None
) -> Topic:
    """Accept, merge (into an accepted or proposed topic of the same meeting) or decline."""
    require_office(actor)
    fields = ["reason"]
    if action == "merge":
        if into is None or into.meeting_id != topic.meeting_id or into.pk == topic.pk:
            raise ValidationFailed(
                details={"into": [_("Choose another topic of this meeting to merge into.")]}
            )
        if into.status not in (TopicStatus.PROPOSED, TopicStatus.ACCEPTED):
            raise ValidationFailed(details={"into": [_("Merge only into a live topic.")]})
        topic.merged_into = into
        fields.append("merged_into")
    topic.reason = reason.strip()
    apply_transition(topic, action, actor=actor, reason=reason, save_fields=fields)
    return topic
