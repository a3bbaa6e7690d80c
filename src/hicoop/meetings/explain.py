"""Why a request was not placed, in the reader's language (from a run's stored codes)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from hicoop.engine.scheduling import CAP_REACHED, NO_COMMON_SLOT, SLOTS_TAKEN
from hicoop.meetings.adapter import NO_SLOTS, NOT_ATTENDING


def explain(code: str, params: dict[str, Any], names: dict[int, str]) -> str:
    def name(key: str) -> str:
        return names.get(int(params.get(key, 0)), "—")

    if code == NO_COMMON_SLOT:
        return _("%(a)s and %(b)s have no free slot in common.") % {"a": name("a"), "b": name("b")}
    if code == CAP_REACHED:
        return _("%(name)s already has the most meetings they take (%(cap)s).") % {
            "name": name("delegate"),
            "cap": params.get("cap", 0),
        }
    if code == SLOTS_TAKEN:
        return _(
            "Of the %(common)s slots both are free, %(a)s meets someone else in %(a_busy)s, "
            "%(b)s in %(b_busy)s, and every table is taken in %(full)s."
        ) % {
            "common": params.get("common", 0),
            "a": name("a"),
            "b": name("b"),
            "a_busy": params.get("a_busy", 0),
            "b_busy": params.get("b_busy", 0),
            "full": params.get("tables_full", 0),
        }
    if code == NOT_ATTENDING:
        return _("%(name)s does not take part in the 1:1 sessions.") % {"name": name("delegate")}
    if code == NO_SLOTS:
        return _("The 1:1 sessions have no time slots yet.")
    return code
