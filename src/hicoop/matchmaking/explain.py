"""A match run as people read it: the formula in words, weights and methods by label, matched
terms as whole words and phrases, region and partner names in the reader's language."""

from __future__ import annotations

import functools
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.engine.phrases import readable_terms, shared_phrases
from hicoop.engine.text import Analyzer, AnalyzerConfig
from hicoop.listings.models import Achievement, Capability
from hicoop.matchmaking import adapter
from hicoop.parties.models import Party

WEIGHT_LABELS = {
    "lexical": gettext_lazy("text similarity"),
    "semantic": gettext_lazy("meaning similarity (partners)"),
    "record_semantic": gettext_lazy("meaning similarity (records)"),
    "semantic_top": gettext_lazy("share of the partner's three closest records in its meaning"),
    "fields": gettext_lazy("shared fields"),
    "priority": gettext_lazy("priority region × field"),
    "region": gettext_lazy("preferred region"),
    "capacity": gettext_lazy("free capacity"),
    "capacity_ref": gettext_lazy("capacity counted up to"),
}

METHOD_LABELS = {
    "subset-dp": gettext_lazy("exact search over all combinations"),
    "greedy": gettext_lazy("greedy choice (approximate)"),
    "reduction+lapjvsp": gettext_lazy("optimal assignment"),
}


def formula_text() -> str:
    return _(
        "Score = text similarity of the demand and the partner's records (relative to the best) "
        "+ similarity of meaning (relative to the other partners) + share of the demand's fields "
        "the partner works in + priority of the partner's region for the field + a bonus when "
        "the partner is in a preferred region + free capacity; each part times its weight."
    )


def weight_rows(weights: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(str(WEIGHT_LABELS.get(k, k.replace("_", " "))), v) for k, v in weights.items()]


def method_label(method: str) -> str:
    label = METHOD_LABELS.get(method)
    return str(label) if label is not None else _("other method")


@functools.lru_cache(maxsize=2)
def _analyzer(config: AnalyzerConfig) -> Analyzer:
    return Analyzer(config)


def _listing_text(listing: Any) -> str:
    return " ".join([listing.title, *listing.keyword_list, listing.body])


def names_by_stored_name(names: list[str]) -> dict[str, str]:
    """Stored Chinese names → the display name of the reader's language."""
    found: dict[str, str] = {}
    for p in Party.objects.filter(Q(name__in=names) | Q(short_name__in=names)):
        found.setdefault(p.name, p.display_name)
        if p.short_name:
            found.setdefault(p.short_name, p.display_name)
    return found


def decorate(candidates: list[Any]) -> None:
    """Add readable terms and names to the stored evidence of each candidate (in place)."""
    analyzer = _analyzer(adapter.analyzer_config())
    wanted: dict[str, set[int]] = {"capability": set(), "achievement": set()}
    regions: set[str] = set()
    for c in candidates:
        for e in c.reasons.get("evidence", []):
            if e.get("kind") in wanted:
                wanted[e["kind"]].add(int(e["id"]))
            if e.get("priority_pair"):
                regions.add(e["priority_pair"][0])
    texts = {
        ("capability", r.pk): _listing_text(r)
        for r in Capability.objects.filter(pk__in=wanted["capability"])
    }
    texts.update(
        {
            ("achievement", r.pk): _listing_text(r)
            for r in Achievement.objects.filter(pk__in=wanted["achievement"])
        }
    )
    region_names = names_by_stored_name(sorted(regions))
    demand_texts: dict[int, str] = {}
    for c in candidates:
        query = demand_texts.get(c.demand_id)
        if query is None:
            query = demand_texts[c.demand_id] = _listing_text(c.demand)
        for e in c.reasons.get("evidence", []):
            record = texts.get((e.get("kind"), int(e.get("id") or 0)))
            terms = e.get("matched_terms") or []
            e["terms"] = (
                shared_phrases(
                    terms, query, record, segment=analyzer.segment, is_word=analyzer.is_word
                )
                if record
                else readable_terms(terms)
            )
            if e.get("priority_pair"):
                e["priority_region"] = region_names.get(e["priority_pair"][0], "")


def coverage_table(requirements: list[str], candidates: list[Any]) -> dict[str, Any]:
    """多对一: the demand's requirements as rows and the coalition members as columns; a cell is
    ``covered`` when the solver gave that requirement to that member, and carries the member's
    match quality for it (0 when its records do not say it)."""
    members = [c for c in candidates if c.selected]
    rows = []
    for r, requirement in enumerate(requirements):
        cells = []
        for member in members:
            given = {str(cv.get("requirement")): cv for cv in member.covers or []}
            stored = (member.reasons or {}).get("requirement_quality") or []
            quality = given[requirement]["quality"] if requirement in given else 0.0
            if not quality and r < len(stored):
                quality = float(stored[r])
            cells.append({"covered": requirement in given, "quality": quality})
        rows.append({"requirement": requirement, "cells": cells})
    return {"members": members, "rows": rows}
