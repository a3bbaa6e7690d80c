"""Meetings: create and edit, status, time slots of the 1:1 sessions, minutes, publishing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core import attachments, audit
from hicoop.core.access import require_office
from hicoop.core.exceptions import Conflict, ValidationFailed
from hicoop.core.inputs import Attr, clean
from hicoop.core.models import Attachment, AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.meetings.choices import MeetingKind
from hicoop.meetings.models import Meeting, Slot
from hicoop.meetings.services.common import parties_or_error

MEETING_ATTRS = (
    Attr("kind", "会议类型", "kind of meeting", "choice", required=True, choices=MeetingKind),
    Attr("year", "年度", "year", "int", required=True, min_value=2020, max_value=2100),
    Attr("title", "会议名称", "title", "text", required=True, max_length=200),
    Attr("starts_on", "开始日期", "starts on", "date", required=True),
    Attr("ends_on", "结束日期", "ends on", "date", required=True),
    Attr("venue", "地点", "venue", "text", max_length=200),
    Attr("organisers", "主办方", "organisers", "refs", max_items=20),
    Attr("description", "说明", "description", "longtext", max_length=5000),
    Attr("topic_deadline", "议题征集截止日期", "topic proposals until", "date"),
)
SLOT_ATTRS = (
    Attr("day", "日期", "day", "date", required=True),
    Attr("start", "开始时间", "start", "text", required=True, max_length=5),
    Attr("count", "时段数", "number of slots", "int", required=True, min_value=1, max_value=48),
    Attr("minutes", "每段分钟", "minutes each", "int", required=True, min_value=10, max_value=240),
    Attr("tables", "桌数", "tables", "int", required=True, min_value=1, max_value=500),
)


def _values(data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    cleaned = clean(MEETING_ATTRS, data, partial=partial)
    if "organisers" in cleaned.values:
        cleaned.values["organisers"] = parties_or_error(
            cleaned, "organisers", cleaned.values["organisers"]
        )
    cleaned.raise_errors()
    return cleaned.values


def _check_dates(meeting: Meeting) -> None:
    errors: dict[str, list[str]] = {}
    if meeting.ends_on < meeting.starts_on:
        errors["ends_on"] = [_("The meeting cannot end before it starts.")]
    if meeting.topic_deadline and meeting.topic_deadline > meeting.starts_on:
        errors["topic_deadline"] = [_("Topic proposals must close before the meeting starts.")]
    if errors:
        raise ValidationFailed(details=errors)


def _write(meeting: Meeting, values: dict[str, Any]) -> None:
    organisers = values.pop("organisers", None)
    for name, value in values.items():
        setattr(meeting, name, value)
    _check_dates(meeting)
    meeting.save()
    if organisers is not None:
        meeting.organisers.set(organisers)


@transaction.atomic
def create_meeting(*, data: Mapping[str, Any], actor: Any) -> Meeting:
    """A new meeting (the joint office's)."""
    require_office(actor)
    meeting = Meeting(status_changed_at=timezone.now())
    _write(meeting, _values(data, partial=False))
    audit.record(instance=meeting, actor=actor, action=AuditAction.CREATE)
    return meeting


@transaction.atomic
def update_meeting(*, meeting: Meeting, data: Mapping[str, Any], actor: Any) -> Meeting:
    require_office(actor)
    before = audit.snapshot(meeting)
    _write(meeting, _values(data, partial=True))
    audit.record(instance=meeting, actor=actor, action=AuditAction.UPDATE, before=before)
    return meeting


@transaction.atomic
def transition_meeting(*, meeting: Meeting, action: str, actor: Any, reason: str = "") -> Meeting:
    require_office(actor)
    apply_transition(meeting, action, actor=actor, reason=reason)
    return meeting


def _start(cleaned_start: str) -> dt.time:
    try:
        return dt.time.fromisoformat(cleaned_start.replace("：", ":"))
    except ValueError as exc:
        raise ValidationFailed(details={"start": [_("Use a time like 09:00.")]}) from exc


@transaction.atomic
def add_slots(*, meeting: Meeting, data: Mapping[str, Any], actor: Any) -> list[Slot]:
    """Equal time slots of the 1:1 sessions on one day (e.g. 12 × 30 minutes from 09:00)."""
    require_office(actor)
    cleaned = clean(SLOT_ATTRS, data)
    cleaned.raise_errors()
    v = cleaned.values
    if not meeting.starts_on <= v["day"] <= meeting.ends_on:
        raise ValidationFailed(details={"day": [_("The day must fall within the meeting.")]})
    begin = timezone.make_aware(dt.datetime.combine(v["day"], _start(v["start"])))
    step = dt.timedelta(minutes=v["minutes"])
    if (begin + step * v["count"]).date() != v["day"]:
        raise ValidationFailed(details={"count": [_("The slots must end on the same day.")]})
    made = []
    for n in range(v["count"]):
        starts = begin + step * n
        if Slot.objects.filter(
            meeting=meeting, starts_at__lt=starts + step, ends_at__gt=starts
        ).exists():
            raise Conflict(
                _("A slot at %(time)s overlaps an existing one.")
                % {"time": f"{timezone.localtime(starts):%H:%M}"}
            )
        slot = Slot.objects.create(
            meeting=meeting, starts_at=starts, ends_at=starts + step, tables=v["tables"]
        )
        audit.record(instance=slot, actor=actor, action=AuditAction.CREATE)
        made.append(slot)
    return made


@transaction.atomic
def record_minutes(*, meeting: Meeting, text: str, actor: Any) -> Meeting:
    require_office(actor)
    if len(text) > 50000:
        raise ValidationFailed(details={"minutes": [_("At most %(n)d characters.") % {"n": 50000}]})
    before = audit.snapshot(meeting)
    meeting.minutes = text.strip()
    meeting.save(update_fields=["minutes", "updated_at"])
    audit.record(instance=meeting, actor=actor, action=AuditAction.UPDATE, before=before)
    return meeting


@transaction.atomic
def add_document(*, meeting: Meeting, upload: Any, actor: Any) -> Attachment:
    """A document of the meeting (invitation letter, materials), for every member to read."""
    require_office(actor)
    if upload is None:
        raise ValidationFailed(details={"file": [_("Choose a file.")]})
    return attachments.attach(record=meeting, upload=upload, actor=actor, kind="document")
