"""Record panels: a later domain shows its part on an earlier domain's page without the earlier
app importing it (e.g. the policies a demand cites, the transfers of an achievement).

The later app registers in ``AppConfig.ready``::

    register_panel("listings.Achievement", "transfer/_achievement_panel.html", transfers_panel)

where ``transfers_panel(record, user)`` returns the template context, or ``None`` to show
nothing. Pages render every panel with ``{% record_panels record %}`` (``hicoop_kit`` tags).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

PanelContext = Callable[[models.Model, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    model: str  # "app_label.ModelName"
    template: str
    context: PanelContext
    order: int = 50


PANELS: list[Panel] = []


def register_panel(model: str, template: str, context: PanelContext, order: int = 50) -> None:
    PANELS.append(Panel(model=model, template=template, context=context, order=order))
    PANELS.sort(key=lambda p: (p.order, p.template))


def panels_for(record: models.Model, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of every panel with something to show on ``record``'s page."""
    label = f"{record._meta.app_label}.{record._meta.object_name}"
    shown = []
    for panel in PANELS:
        if panel.model != label:
            continue
        context = panel.context(record, user)
        if context is not None:
            shown.append((panel.template, context))
    return shown


# The start page: each app that has something to show there registers a function that returns
# its part of the template context (the taxonomy its measures and fields, the parties their
# counts and the priority matrix).
HOME_PARTS: list[Callable[[Any], dict[str, Any]]] = []


def register_home_part(part: Callable[[Any], dict[str, Any]]) -> None:
    if part not in HOME_PARTS:
        HOME_PARTS.append(part)


def home_context(request: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in HOME_PARTS:
        context.update(part(request))
    return context
