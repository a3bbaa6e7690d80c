"""The agenda: generated from the pipeline by the registered sources, edited by the joint
office, then finalised — a final agenda is frozen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import require_office
from hicoop.core.actors import user_of
from hicoop.core.exceptions import Conflict
from hicoop.core.inputs import Attr, clean
from hicoop.core.models import AuditAction
from hicoop.core.workflow import apply_transition
from hicoop.meetings import agenda_sources
from hicoop.meetings.models import Agenda, AgendaEntry, Meeting

ENTRY_ATTRS = (
    Attr("title", "议程事项", "agenda entry", "text", required=True, max_length=300),
    Attr("body", "说明", "details", "longtext", max_length=5000),
)


def since_last_meeting(meeting: Meeting) -> dt.date:
    """The previous meeting of the same kind, or a year before this one."""
    previous = (
        Meeting.objects.filter(kind=meeting.kind, starts_on__lt=meeting.starts_on)
        .order_by("-starts_on", "-pk")
        .values_list("starts_on", flat=True)
        .first()
    )
    return previous or meeting.starts_on.replace(year=meeting.starts_on.year - 1)


def agenda_of(meeting: Meeting) -> Agenda:
    agenda, _created = Agenda.objects.get_or_create(meeting=meeting)
    return agenda


def _editable(agenda: Agenda) -> None:
    if agenda.frozen:
        raise Conflict(_("The final agenda is frozen."))


def _next_position(agenda: Agenda) -> int:
    return (agenda.entries.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def generate_agenda(*, meeting: Meeting, actor: Any, on: dt.date) -> tuple[Agenda, int]:
    """Add every entry the sources propose that the agenda does not hold yet (entries edited or
    removed by hand stay as they are); returns the agenda and how many entries were added."""
    require_office(actor)
    agenda = agenda_of(meeting)
    _editable(agenda)
    context = agenda_sources.Context(meeting, user_of(actor), since_last_meeting(meeting), on)
    present = set(agenda.entries.exclude(source_key="").values_list("source_key", flat=True))
    skipped = present | set(agenda.dismissed)
    position = _next_position(agenda)
    added = 0
    for source in agenda_sources.ordered():
        for entry in _collect(source, context):
            key = f"{source.code}:{entry.key}"[:80]
            if key in skipped:
                continue
            skipped.add(key)
            AgendaEntry.objects.create(
                agenda=agenda,
                position=position,
                section=source.code,
                title=entry.title[:300],
                body=entry.body,
                source_key=key,
                url=entry.url[:300],
            )
            position += 1
            added += 1
    agenda.generated_at = timezone.now()
    agenda.save(update_fields=["generated_at", "updated_at"])
    return agenda, added


def _collect(source: agenda_sources.AgendaSource, context: agenda_sources.Context) -> list[Any]:
    """A source's entries, written in the platform's language: the agenda is an official
    document of the mechanism, whatever language the office member's screen is in."""
    with translation.override(settings.LANGUAGE_CODE):
        return list(source.collect(context))


@transaction.atomic
def add_entry(*, meeting: Meeting, data: dict[str, Any], actor: Any) -> AgendaEntry:
    require_office(actor)
    agenda = agenda_of(meeting)
    _editable(agenda)
    cleaned = clean(ENTRY_ATTRS, data)
    cleaned.raise_errors()
    entry = AgendaEntry.objects.create(
        agenda=agenda,
        position=_next_position(agenda),
        section="other",
        title=cleaned.values["title"],
        body=cleaned.values.get("body", ""),
    )
    audit.record(instance=entry, actor=actor, action=AuditAction.CREATE)
    return entry


@transaction.atomic
def update_entry(*, entry: AgendaEntry, data: dict[str, Any], actor: Any) -> AgendaEntry:
    require_office(actor)
    _editable(entry.agenda)
    cleaned = clean(ENTRY_ATTRS, data)
    cleaned.raise_errors()
    before = audit.snapshot(entry)
    entry.title, entry.body = cleaned.values["title"], cleaned.values.get("body", "")
    entry.save()
    audit.record(instance=entry, actor=actor, action=AuditAction.UPDATE, before=before)
    return entry


@transaction.atomic
def remove_entry(*, entry: AgendaEntry, actor: Any) -> None:
    """Remove an entry; a generated one is not proposed again."""
    require_office(actor)
    agenda = entry.agenda
    _editable(agenda)
    if entry.source_key:
        agenda.dismissed = sorted({*agenda.dismissed, entry.source_key})
        agenda.save(update_fields=["dismissed", "updated_at"])
    before = audit.snapshot(entry)
    entry.delete()
    audit.record(instance=entry, actor=actor, action=AuditAction.DELETE, before=before)


@transaction.atomic
def move_entry(*, entry: AgendaEntry, up: bool, actor: Any) -> AgendaEntry:
    """Swap an entry with its neighbour above or below."""
    require_office(actor)
    _editable(entry.agenda)
    siblings = entry.agenda.entries.order_by("position", "pk")
    neighbour = (
        siblings.filter(position__lt=entry.position).last()
        if up
        else siblings.filter(position__gt=entry.position).first()
    )
    if neighbour is not None:
        entry.position, neighbour.position = neighbour.position, entry.position
        entry.save(update_fields=["position"])
        neighbour.save(update_fields=["position"])
    return entry


@transaction.atomic
def finalize_agenda(*, meeting: Meeting, actor: Any) -> Agenda:
    """Preliminary → final: the agenda is frozen from now on."""
    require_office(actor)
    agenda = agenda_of(meeting)
    if not agenda.entries.exists():
        raise Conflict(_("An empty agenda cannot be finalised."))
    apply_transition(agenda, "finalize", actor=actor)
    return agenda
