"""React to status changes of a record, whichever event table records them (an app's own event
table today, the kit's ``WorkflowEvent`` once the app moves onto it): used to notify people.

    on_status_change(("listings.Demand",), listing_event_model, handler)

``handler(record, event)`` runs after the event row is saved, inside the changing transaction;
one status change calls it once even if both tables record it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from hicoop.core.models import WorkflowEvent

Handler = Callable[[Any, Any], None]


def on_status_change(
    models: Iterable[str], legacy_event_model: Any | None, handler: Handler, *, uid: str
) -> None:
    labels = {m.lower() for m in models}

    def receive(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        if not created or kwargs.get("raw"):
            return
        ct = ContentType.objects.get_for_id(instance.content_type_id)
        if f"{ct.app_label}.{ct.model}" not in labels:
            return
        model = apps.get_model(ct.app_label, ct.model)
        record = model._default_manager.filter(pk=instance.object_id).first()
        if record is None:
            return
        # The same change written to two tables in one call arrives twice: notify once.
        marker = (ct.pk, instance.object_id, instance.action, instance.from_status)
        now = time.monotonic()
        if any(m == marker and now - at < 2.0 for m, at in _recent):
            return
        _recent.append((marker, now))
        del _recent[:-50]
        handler(record, instance)

    post_save.connect(receive, sender=WorkflowEvent, dispatch_uid=f"{uid}-workflow", weak=False)
    if legacy_event_model is not None:
        post_save.connect(
            receive, sender=legacy_event_model, dispatch_uid=f"{uid}-legacy", weak=False
        )


_recent: list[tuple[tuple[Any, ...], float]] = []
