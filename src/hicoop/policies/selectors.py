"""Reads of the catalogue, scoped where they start (``visible_to``) and dated (``on``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from hicoop.core.exceptions import NotFound, ValidationFailed
from hicoop.core.inputs import ParseError, clean
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.policies import applicability, diffing
from hicoop.policies.choices import EditionChange
from hicoop.policies.models import (
    Citation,
    Clause,
    Edition,
    EditionEntry,
    Policy,
    PolicyQuerySet,
    PolicyVersion,
)
from hicoop.policies.records import PROFILE_ATTRS
from hicoop.policies.search import MAX_CLAUSE_CANDIDATES, Query, candidates, matches, rank_clauses
from hicoop.policies.services import refs

HITS_PER_POLICY = 3


@dataclass(frozen=True)
class PolicyFilters:
    q: str = ""
    on: dt.date | None = None
    category: str = ""
    level: str = ""
    issuer: int | None = None
    zone: str = ""
    park: int | None = None
    field: str = ""
    status: str = ""


def _base(user: Any) -> PolicyQuerySet:
    return Policy.objects.visible_to(user).select_related("issuer")


def filtered(*, user: Any, filters: PolicyFilters) -> PolicyQuerySet:
    """Policies the user may see that pass every facet (no text search yet)."""
    qs = _base(user)
    f = filters
    if f.on is not None:
        qs = qs.in_force(f.on)
    simple = {"category": f.category, "level": f.level, "status": f.status, "issuer_id": f.issuer}
    qs = qs.filter(**{k: v for k, v in simple.items() if v})
    if f.zone:
        qs = qs.filter(Q(zones__code=f.zone) | Q(parks__designations__code=f.zone))
    if f.park is not None:
        qs = qs.filter(parks__pk=f.park)
    if f.field:
        qs = qs.filter(fields__code=f.field)
    return qs.distinct() if f.zone or f.park or f.field else qs


@dataclass
class SearchResult:
    """Policy ids in rank order (all of them) and the clause hits of each."""

    ids: list[int]
    hits: dict[int, list[Any]] = field(default_factory=dict)
    query: Query | None = None


def search(*, user: Any, filters: PolicyFilters) -> SearchResult:
    """Ranked policy ids: title/summary matches and clause matches in the dated versions."""
    qs = filtered(user=user, filters=filters)
    if not filters.q.strip():
        return SearchResult(list(qs.order_by("title", "pk").values_list("pk", flat=True)))
    query = Query.parse(filters.q)
    scores: dict[int, float] = {}
    for pk, tokens in candidates(qs, query).values_list("pk", "search_tokens"):
        scores[pk] = 2.0 * matches(tokens, query)[0]
    versions = PolicyVersion.objects.filter(policy__in=qs.values("pk"))
    if filters.on is not None:
        versions = versions.in_force(filters.on)
    articles = Clause.objects.filter(kind="article", version__in=versions.values("pk"))
    rows = list(
        candidates(articles, query)
        .values_list("pk", "version_id", "search_tokens")
        .order_by("pk")[:MAX_CLAUSE_CANDIDATES]
    )
    policy_of = dict(versions.values_list("pk", "policy_id"))
    hits: dict[int, list[Any]] = {}
    for hit in rank_clauses(rows, query):
        owner = policy_of[hit.version_id]
        hits.setdefault(owner, []).append(hit)
    for owner, found in hits.items():
        scores[owner] = scores.get(owner, 0.0) + found[0].score
    ranked = sorted(scores, key=lambda pk: (-scores[pk], pk))
    return SearchResult(ranked, {k: v[:HITS_PER_POLICY] for k, v in hits.items()}, query)


def page_policies(ids: Sequence[int], hits: Mapping[int, list[Any]]) -> list[Policy]:
    """The policies of one page in the given order, with their clause hits loaded."""
    found = (
        Policy.objects.filter(pk__in=list(ids))
        .select_related("issuer")
        .prefetch_related("zones", "parks", "fields")
    )
    by_pk = {p.pk: p for p in found}
    wanted = [h.clause_id for pk in ids for h in hits.get(pk, [])]
    clauses = Clause.objects.filter(pk__in=wanted).select_related("version").in_bulk()
    out = []
    for pk in ids:
        policy = by_pk.get(pk)
        if policy is None:
            continue
        policy.hits = [  # type: ignore[attr-defined]
            (clauses[h.clause_id], h.matched) for h in hits.get(pk, []) if h.clause_id in clauses
        ]
        out.append(policy)
    return out


def facet_counts(*, user: Any, filters: PolicyFilters) -> dict[str, dict[str, int]]:
    qs = filtered(user=user, filters=filters).order_by()
    return {
        name: {
            row[name]: row["n"] for row in qs.values(name).annotate(n=Count("pk", distinct=True))
        }
        for name in ("category", "level")
    }


def issuers(*, user: Any) -> QuerySet[Party]:
    ids = _base(user).values("issuer_id")
    return Party.objects.filter(pk__in=ids).order_by("path", "pk")


def policy_detail(*, user: Any, pk: int) -> Policy:
    found = (
        _base(user)
        .prefetch_related("zones", "parks", "fields", "regions", "versions")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def version_of(*, policy: Policy, number: int) -> PolicyVersion:
    found = policy.versions.filter(number=number).first()
    if found is None:
        raise NotFound()
    return found


def version_on(policy: Policy, on: dt.date) -> PolicyVersion | None:
    return (
        policy.versions.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .first()
    )


def clause_tree(version: PolicyVersion) -> list[Clause]:
    """Chapters, sections and articles in order (paragraphs are shown inside their article)."""
    return list(version.clauses.exclude(kind="paragraph").order_by("ordinal"))


def clause_at(*, version: PolicyVersion, address: str) -> Clause:
    from hicoop.policies.services.citations import find_clause

    return find_clause(version, address)


def compare_versions(old: PolicyVersion, new: PolicyVersion) -> list[diffing.ClauseChange]:
    from hicoop.policies.services.citations import article_sides

    return diffing.compare(article_sides(old), article_sides(new))


# ---- editions ---------------------------------------------------------------------------------


def editions(*, user: Any) -> QuerySet[Edition]:
    # Meta.ordering does not apply to an aggregated query: the newest year first, explicitly
    return Edition.objects.visible_to(user).annotate(n=Count("entries")).order_by("-year", "pk")


def edition_detail(*, user: Any, year: int) -> Edition:
    found = Edition.objects.visible_to(user).filter(year=year).first()
    if found is None:
        raise NotFound()
    return found


def edition_entries(edition: Edition) -> QuerySet[EditionEntry]:
    return edition.entries.select_related("policy", "policy__issuer", "version").prefetch_related(
        "policy__zones", "policy__parks"
    )


def previous_edition(*, user: Any, edition: Edition) -> Edition | None:
    return Edition.objects.visible_to(user).filter(year__lt=edition.year).order_by("-year").first()


@dataclass(frozen=True)
class EditionRow:
    change: str
    policy: Policy
    old: EditionEntry | None
    new: EditionEntry | None


def edition_diff(new: Edition, old: Edition | None) -> list[EditionRow]:
    """What changed from ``old`` to ``new``: added, removed, amended policies, summaries."""
    now = {e.policy_id: e for e in edition_entries(new)}
    before = {e.policy_id: e for e in edition_entries(old)} if old is not None else {}
    rows = []
    for pk in sorted(set(now) | set(before), key=lambda k: (now.get(k) or before[k]).policy.title):
        a, b = before.get(pk), now.get(pk)
        if a is None:
            change = EditionChange.ADDED
        elif b is None:
            change = EditionChange.REMOVED
        elif a.version_id != b.version_id:
            change = EditionChange.AMENDED
        elif (a.summary, a.summary_en) != (b.summary, b.summary_en):
            change = EditionChange.SUMMARY
        else:
            change = EditionChange.UNCHANGED
        rows.append(EditionRow(str(change), (b or a).policy, a, b))  # type: ignore[union-attr]
    return rows


def grouped_entries(edition: Edition) -> list[tuple[str, list[EditionEntry]]]:
    """Entries by the four categories (in the catalogue's order)."""
    from hicoop.policies.choices import PolicyCategory

    entries = list(edition_entries(edition))
    return [
        (str(label), [e for e in entries if e.category == code])
        for code, label in PolicyCategory.choices
        if any(e.category == code for e in entries)
    ]


def entries_by_place(edition: Edition) -> list[tuple[str, list[EditionEntry]]]:
    """Entries by park or zone designation (a policy for several places appears under each)."""
    groups: dict[str, list[EditionEntry]] = {}
    for entry in edition_entries(edition):
        places = [p.display_name for p in entry.policy.parks.all()]
        places += [z.display_name for z in entry.policy.zones.all()]
        for place in places or [_("All parks and zones")]:
            groups.setdefault(place, []).append(entry)
    return sorted(groups.items())


# ---- what applies to me -----------------------------------------------------------------------


def _ancestry(party: Party) -> list[Party]:
    ids = [int(p) for p in party.path.strip("/").split("/") if p]
    found = Party.objects.filter(pk__in=ids).prefetch_related("designations")
    return sorted(found, key=lambda p: len(p.path))


def profile_for_party(party: Party, **extra: Any) -> applicability.Profile:
    """The profile of an organisation: its kind, the parks and regions above it, their zones."""
    chain = _ancestry(party)
    parks = [p for p in chain if p.kind == PartyKind.PARK]
    zones = {d.code for p in parks for d in p.designations.all()}
    kind = party.subtype if party.kind == PartyKind.UNIT else ""
    return applicability.Profile(
        entity_kind=extra.get("entity_kind") or kind,
        size=extra.get("size") or "",
        foreign_talent=extra.get("foreign_talent"),
        region_ids=frozenset(p.pk for p in chain if p.kind == PartyKind.REGION),
        park_ids=frozenset(p.pk for p in parks),
        zone_codes=frozenset(zones),
        field_codes=frozenset(party.fields.values_list("code", flat=True)),
    )


def profile_from_params(params: Mapping[str, Any]) -> applicability.Profile:
    """A profile typed by someone (kind, park, zone, region, fields, foreign talent, size)."""
    cleaned = clean(PROFILE_ATTRS, params, partial=True)
    values = dict(cleaned.values)
    regions: set[int] = set()
    parks: set[int] = set()
    zones: set[str] = set()
    for name, kinds in (("park", [PartyKind.PARK]), ("region", [PartyKind.REGION])):
        if not values.get(name):
            continue
        try:
            chain = _ancestry(refs.party(values[name], kinds=kinds))
        except ParseError as exc:
            cleaned.add(name, str(exc))
            continue
        regions.update(p.pk for p in chain if p.kind == PartyKind.REGION)
        park_chain = [p for p in chain if p.kind == PartyKind.PARK]
        parks.update(p.pk for p in park_chain)
        zones.update(d.code for p in park_chain for d in p.designations.all())
    try:
        zones.update(z.code for z in refs.zones([values["zone"]] if values.get("zone") else []))
        field_codes = {f.code for f in refs.fields(values.get("fields") or [])}
    except ParseError as exc:
        cleaned.add("fields" if "field" in str(exc).lower() else "zone", str(exc))
        field_codes = set()
    cleaned.raise_errors()
    return applicability.Profile(
        entity_kind=values.get("entity_kind") or "",
        size=values.get("size") or "",
        foreign_talent=values.get("foreign_talent"),
        region_ids=frozenset(regions),
        park_ids=frozenset(parks),
        zone_codes=frozenset(zones),
        field_codes=frozenset(field_codes),
    )


def conditions_of(policy: Policy) -> applicability.Conditions:
    return applicability.Conditions(
        entity_kinds=frozenset(policy.entity_kinds or []),
        sizes=frozenset(policy.sizes or []),
        foreign_talent_only=policy.foreign_talent == "only",
        region_ids=frozenset(p.pk for p in policy.regions.all()),
        park_ids=frozenset(p.pk for p in policy.parks.all()),
        zone_codes=frozenset(z.code for z in policy.zones.all()),
        field_codes=frozenset(f.code for f in policy.fields.all()),
    )


@dataclass
class Applicable:
    policy: Policy
    version: PolicyVersion
    verdict: applicability.Verdict
    clauses: list[Clause]


def applicable(*, user: Any, profile: applicability.Profile, on: dt.date) -> list[Applicable]:
    """Policies in force on ``on`` that apply to ``profile``: targeted ones first, with reasons
    and the clauses that give the benefit."""
    versions = {
        v.policy_id: v
        for v in PolicyVersion.objects.in_force(on).filter(
            policy__in=Policy.objects.visible_to(user).values("pk")
        )
    }
    policies = (
        Policy.objects.filter(pk__in=list(versions))
        .select_related("issuer")
        .prefetch_related("regions", "parks", "zones", "fields")
    )
    found = []
    for policy in policies:
        verdict = applicability.judge(conditions_of(policy), profile)
        if verdict.applies:
            found.append(Applicable(policy, versions[policy.pk], verdict, []))
    _attach_benefit_clauses(found)
    found.sort(key=lambda a: (-a.verdict.specific, a.policy.title, a.policy.pk))
    return found


def _attach_benefit_clauses(found: list[Applicable]) -> None:
    wanted = Q(pk__in=[])
    for item in found:
        if item.policy.benefit_clauses:
            wanted |= Q(version=item.version, address__in=item.policy.benefit_clauses)
    by_version: dict[int, list[Clause]] = {}
    for clause in Clause.objects.filter(wanted).order_by("ordinal"):
        by_version.setdefault(clause.version_id, []).append(clause)
    for item in found:
        item.clauses = by_version.get(item.version.pk, [])


def parse_date(raw: Any, default: dt.date | None) -> dt.date | None:
    """A date parameter (``on=2021-06-10``); a clear error when it cannot be read."""
    from hicoop.core.inputs import as_date

    try:
        return as_date(raw) or default
    except ParseError as exc:
        raise ValidationFailed(details={"on": [str(exc)]}) from exc


# ---- citations and profiles ---------------------------------------------------------------------


def citations_of(*, user: Any, record: Any) -> QuerySet[Citation]:
    return (
        Citation.objects.visible_to(user)
        .filter(content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk)
        .select_related("policy", "version", "clause")
    )


def citation_list(*, user: Any) -> QuerySet[Citation]:
    return Citation.objects.visible_to(user).select_related(
        "policy", "version", "clause", "content_type"
    )


def saved_profiles(*, user: Any) -> QuerySet[Any]:
    from hicoop.policies.models import SavedProfile

    return SavedProfile.objects.visible_to(user).select_related("party")


def versions_with_clauses(policy: Policy) -> QuerySet[PolicyVersion]:
    return policy.versions.order_by("effective_from").prefetch_related(
        Prefetch("clauses", queryset=Clause.objects.filter(kind="article"))
    )
