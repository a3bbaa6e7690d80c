"""The reasons of a "what applies to me" answer as sentences in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hicoop.parties.models import Party, ZoneDesignation
from hicoop.policies.applicability import Reason, Verdict
from hicoop.policies.choices import EntityKind, UnitSize
from hicoop.taxonomy.models import Field


class Names:
    """Display names of the ids and codes reasons mention, read once per answer."""

    def __init__(self, verdicts: Iterable[Verdict]) -> None:
        wanted: dict[str, set[str]] = {"party": set(), "zone": set(), "field": set()}
        for verdict in verdicts:
            for reason in verdict.reasons:
                bucket = {"region": "party", "park": "party"}.get(
                    reason.condition, reason.condition
                )
                if bucket in wanted:
                    wanted[bucket].update(reason.values)
        ids = [int(v) for v in wanted["party"] if v.isdigit()]
        self.parties = {str(p.pk): p.display_name for p in Party.objects.filter(pk__in=ids)}
        self.zones = {
            z.code: z.display_name for z in ZoneDesignation.objects.filter(code__in=wanted["zone"])
        }
        self.fields = {
            f.code: f.display_name for f in Field.objects.filter(code__in=wanted["field"])
        }

    def join(self, reason: Reason) -> str:
        table = {
            "region": self.parties,
            "park": self.parties,
            "zone": self.zones,
            "field": self.fields,
        }
        labels = {"entity_kind": EntityKind, "size": UnitSize}
        if reason.condition in labels:
            choices = labels[reason.condition]
            return "、".join(str(choices(v).label) for v in reason.values if v in choices.values)
        names = table.get(reason.condition, {})
        return "、".join(names.get(v, v) for v in reason.values)


_MATCHED = {
    "region": gettext_noop("Applies in %(names)s, where you are"),
    "park": gettext_noop("For %(names)s, your park"),
    "zone": gettext_noop("For parks designated %(names)s, as yours is"),
    "entity_kind": gettext_noop("For %(names)s, as you are"),
    "size": gettext_noop("For %(names)s units, as yours is"),
    "foreign_talent": gettext_noop("For foreign talent, as you said"),
    "field": gettext_noop("In your fields: %(names)s"),
}


def sentence(reason: Reason, names: Names) -> str | None:
    """One reason as a sentence; conditions that restrict nothing are left out (but nationwide)."""
    values = {"names": names.join(reason)}
    if reason.outcome == "matched":
        return _(_MATCHED[reason.condition]) % values
    if reason.outcome == "unchecked":
        return _("Only for %(names)s: not checked, your profile does not say") % {
            "names": names.join(reason) or _("foreign talent")
        }
    if reason.condition == "region":
        return _("Applies nationwide")
    return None


def sentences(verdict: Verdict, names: Names) -> list[str]:
    return [s for s in (sentence(r, names) for r in verdict.reasons) if s]
