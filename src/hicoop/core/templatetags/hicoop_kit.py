"""Template tags of the kit: status timelines, attachments, record panels, actor names and
notification texts — the same on every page of every app."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from hicoop.core import actors, notifications, panels
from hicoop.core.attachments import attachments_of
from hicoop.core.models import Notification
from hicoop.core.workflow import event_labels, events_of

register = template.Library()


@register.filter
def actor_label(name: str) -> str:
    """A stored actor name as users read it (system actors by their label)."""
    return actors.display_name(name or "")


@register.filter
def notice_text(notification: Notification) -> str:
    return notifications.text_of(notification)


@register.filter
def notice_label(notification: Notification) -> str:
    return notifications.label_of(notification)


@register.simple_tag(takes_context=True)
def timeline(context: Any, record: Any, title: str = "") -> SafeString:
    """The record's status history with labels, local times, actors and reasons."""
    events = [(event, event_labels(event)) for event in events_of(record)]
    html = render_to_string(
        "core/_timeline.html",
        {"events": events, "title": title},
        request=context.get("request"),
    )
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def attachment_list(context: Any, record: Any, delete_url_name: str = "") -> SafeString:
    """The record's files with download links (served only to those who may see the record)."""
    html = render_to_string(
        "core/_attachments.html",
        {"files": list(attachments_of(record)), "delete_url_name": delete_url_name},
        request=context.get("request"),
    )
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def record_panels(context: Any, record: Any) -> SafeString:
    """Every panel later domains registered for this record's page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    parts = [
        render_to_string(name, {**extra, "record": record}, request=request)
        for name, extra in panels.panels_for(record, user)
    ]
    return mark_safe("".join(parts))
