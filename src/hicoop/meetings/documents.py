"""Documents for delegates: the final agenda as DOCX (python-docx) and PDF (WeasyPrint), and a
delegate's personal 1:1 schedule as PDF and iCalendar."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.core.exceptions import Conflict
from hicoop.meetings import agenda_sources
from hicoop.meetings.models import Agenda, Delegate, SessionMeeting

CJK_FONT = "Noto Sans CJK SC"


def sections(agenda: Agenda) -> list[tuple[str, list[Any]]]:
    """Entries grouped by section, in agenda order (a section may come back later)."""
    grouped: list[tuple[str, list[Any]]] = []
    for entry in agenda.entries.order_by("position", "pk"):
        label = agenda_sources.section_label(entry.section)
        if not grouped or grouped[-1][0] != label:
            grouped.append((label, []))
        grouped[-1][1].append(entry)
    return grouped


def agenda_docx(agenda: Agenda) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    style = document.styles["Normal"]
    style.font.name = CJK_FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    document.add_heading(agenda.meeting.title, level=0)
    document.add_paragraph(_meta(agenda))
    number = 0
    for label, entries in sections(agenda):
        document.add_heading(label, level=1)
        for entry in entries:
            number += 1
            document.add_paragraph(f"{number}. {entry.title}")
            if entry.body:
                document.add_paragraph(entry.body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _meta(agenda: Agenda) -> str:
    meeting = agenda.meeting
    status = agenda.get_status_display()
    return f"{meeting.starts_on.isoformat()} – {meeting.ends_on.isoformat()} · {meeting.venue} · {status}"


def pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise Conflict(
            _("PDF export is not available on this server (WeasyPrint/Pango missing).")
        ) from exc
    return bytes(HTML(string=html).write_pdf())


def agenda_pdf(agenda: Agenda) -> bytes:
    html = render_to_string(
        "meetings/print_agenda.html",
        {"agenda": agenda, "sections": sections(agenda), "meta": _meta(agenda)},
    )
    return pdf(html)


def schedule_pdf(delegate: Delegate, meetings: Sequence[SessionMeeting]) -> bytes:
    html = render_to_string(
        "meetings/print_schedule.html", {"delegate": delegate, "rows": rows(delegate, meetings)}
    )
    return pdf(html)


def rows(delegate: Delegate, meetings: Sequence[SessionMeeting]) -> list[dict[str, Any]]:
    """Each meeting as the delegate reads it: when, which table, with whom."""
    found = []
    for m in meetings:
        other = m.request.invitee if m.request.requester_id == delegate.pk else m.request.requester
        found.append(
            {
                "meeting": m,
                "other": other,
                "starts": timezone.localtime(m.slot.starts_at),
                "ends": timezone.localtime(m.slot.ends_at),
            }
        )
    return found


def schedule_ics(delegate: Delegate, meetings: Sequence[SessionMeeting]) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//hicoop//meetings//ZH")
    calendar.add("version", "2.0")
    for row in rows(delegate, meetings):
        event = Event()
        event.add("uid", f"hicoop-meeting-{row['meeting'].pk}-{delegate.pk}@hicoop")
        event.add("dtstart", row["starts"])
        event.add("dtend", row["ends"])
        event.add("dtstamp", row["meeting"].slot.starts_at)
        event.add(
            "summary",
            _("1:1 meeting with %(name)s (%(party)s)")
            % {"name": row["other"].name, "party": row["other"].party.display_name},
        )
        event.add(
            "location",
            _("%(venue)s, table %(table)s")
            % {"venue": delegate.meeting.venue, "table": row["meeting"].table},
        )
        calendar.add_component(event)
    return bytes(calendar.to_ical())
