"""Matching runs in the three modes.

A run reads the live records (and their embeddings) through ``adapter``, embeds the demand at
request time, calls the pure engine and stores every candidate with its reasons (the semantic
similarity among them), the weights and their version (shipped or learned from answers), the
formula and the versions of its inputs, including the embedding model — or, when there is
none, why the run was lexical only. Records still waiting for their vector are counted, and
the embedding job is asked for once the run commits.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation.choices import ItemStatus
from hicoop.core.actors import MATCHING, Actor, is_system
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.scope import require_edit
from hicoop.engine import (
    FORMULA,
    AssignmentProblem,
    CoalitionProblem,
    Filters,
    OwnerCandidate,
    PriorityMatrix,
    Query,
    RankingWeights,
    assign,
    solve_coalition,
    top_k,
    top_owners,
)
from hicoop.engine.ranking import ENGINE_VERSION
from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Capability, Demand
from hicoop.matchmaking import adapter, gates
from hicoop.matchmaking.choices import InterestStatus, RunMode
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.matchmaking.services import learning, vectors
from hicoop.parties.models import Party

OPEN_DEMAND = (ListingStatus.PUBLISHED, ListingStatus.MATCHED)
# Items that still take a partner's capacity.
CARRIED = (ItemStatus.AGREED, ItemStatus.IN_PROGRESS, ItemStatus.SUSPENDED)
# A requirement counts as covered by a partner only above this normalised lexical match.
MIN_COVER = 0.15


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _require_open(demand: Demand) -> None:
    if demand.status not in OPEN_DEMAND:
        raise Conflict(
            _("Only published demands are matched; this one is %(status)s.")
            % {"status": ListingStatus(demand.status).label}
        )


def _declined(demand: Demand) -> dict[str, str]:
    """Partners that declined this demand before, with their reason (feedback)."""
    rows = Interest.objects.filter(demand=demand, status=InterestStatus.DECLINED)
    return {str(pk): reason for pk, reason in rows.values_list("partner_id", "decline_reason")}


def _filters(
    demand: Demand, hainan: frozenset[str] | None = None, gated: dict[int, str] | None = None
) -> tuple[Filters, dict[str, str]]:
    """Leave out Hainan owners (``hainan``, read once per batch), the owner, past declines and
    partners a gate leaves out (``gated``, see ``gates.py``)."""
    declined = _declined(demand)
    hainan = adapter.hainan_owner_ids() if hainan is None else hainan
    excluded = hainan | frozenset(declined) | {str(demand.owner_id)}
    excluded |= {str(pk) for pk in gated or {}}
    return Filters(exclude_owners=frozenset(excluded)), declined


def _evidence(candidate: Any, regions: dict[str, str]) -> dict[str, Any]:
    e = candidate.explanation
    kind, pk = adapter.split_record_id(candidate.record_id)
    pair = list(e.priority_pair) if e.priority_pair else None
    if pair:
        pair[0] = regions.get(pair[0], pair[0])
    return {
        "record": candidate.record_id,
        "kind": kind,
        "id": pk,
        "score": round(candidate.score, 4),
        "matched_terms": list(e.matched_terms[:12]),
        "fields_in_common": list(e.fields_in_common),
        "priority_pair": pair,
        "priority_weight": e.priority_weight,
        "region_preferred": e.region_preferred,
        "contributions": {name: round(value, 4) for name, value in e.contributions},
        "semantic": round(e.semantic, 4) if e.semantic is not None else None,
    }


def _titles(candidates: Iterable[OwnerCandidate]) -> dict[str, str]:
    ids: dict[str, list[int]] = {}
    for owner in candidates:
        for c in owner.evidence:
            kind, pk = adapter.split_record_id(c.record_id)
            ids.setdefault(kind, []).append(pk)
    titles = {}
    for kind, pks in ids.items():
        model = adapter.KINDS[kind]
        titles.update(
            {
                adapter.record_id(kind, pk): t
                for pk, t in model.objects.filter(pk__in=pks).values_list("pk", "title")
            }
        )
    return titles


def _reasons(
    owner: OwnerCandidate, regions: dict[str, str], titles: dict[str, str]
) -> dict[str, Any]:
    evidence = [
        {**_evidence(c, regions), "title": titles.get(c.record_id, "")} for c in owner.evidence
    ]
    return {
        "score": round(owner.score, 4),
        "lexical": round(owner.lexical, 4),
        "semantic": round(owner.semantic, 4) if owner.semantic is not None else None,
        "semantic_feature": round(owner.semantic_feature, 4),
        "features": dict(owner.features),
        "method": owner.method,
        "evidence": evidence,
    }


@dataclass(frozen=True)
class _Started:
    run: MatchRun
    state: adapter.IndexState
    priority: PriorityMatrix
    weights: RankingWeights


def _start(
    mode: str,
    *,
    demand: Demand | None,
    actor: Actor,
    params: dict[str, Any],
    weights: RankingWeights | None,
    on: dt.date,
) -> _Started:
    """Bring the index up to date and create the run with its weights and input versions."""
    state = adapter.current_index(on)
    priority, matrix_year = adapter.priority_matrix(on.year)
    weights, weights_version = (
        (weights, "given") if weights is not None else learning.current_weights()
    )
    run = MatchRun.objects.create(
        mode=mode,
        demand=demand,
        params={**params, "on": on.isoformat()},
        weights=asdict(weights),
        engine_version=ENGINE_VERSION,
        formula=FORMULA,
        inputs={
            "records": state.records,
            "records_changed_since_last_run": state.added,
            "records_removed_since_last_run": state.removed,
            "latest_record_change": state.stamp,
            "demand_updated_at": demand.updated_at.isoformat() if demand else None,
            "priority_matrix_year": matrix_year,
            "priority_matrix": [list(e) for e in priority.entries],
            "weights_version": weights_version,
            "semantic": state.semantic.summary(),
        },
        created_by=_user(actor),
    )
    if state.semantic.awaiting:
        transaction.on_commit(lambda: vectors.request_embedding(actor=MATCHING))
    return _Started(run, state, priority, weights)


def _finish(
    started: _Started, began: float, summary: dict[str, Any], semantic_used: bool
) -> MatchRun:
    run = started.run
    semantic = started.state.semantic
    run.summary = {
        **summary,
        "semantic": {
            "used": semantic_used,
            "model": semantic.model.name if semantic.model else None,
            "lexical_only_reason": semantic.reason,
            "records_awaiting_embedding": semantic.awaiting,
        },
    }
    run.duration_ms = int((time.perf_counter() - began) * 1000)
    run.save(update_fields=["summary", "duration_ms"])
    return run


def _excluded_summary(declined: dict[str, str]) -> list[dict[str, Any]]:
    names = dict(Party.objects.filter(pk__in=[int(p) for p in declined]).values_list("pk", "name"))
    return [{"partner": names.get(int(p), p), "reason": r} for p, r in sorted(declined.items())]


def _gated_summary(gated: dict[int, str]) -> list[dict[str, Any]]:
    return _excluded_summary({str(pk): reason for pk, reason in gated.items()})


@transaction.atomic
def run_point_to_point(
    *, demand: Demand, actor: Actor, on: dt.date, k: int = 10, weights: RankingWeights | None = None
) -> MatchRun:
    """点对点: the ``k`` best partner organisations for one demand, each with its evidence."""
    require_edit(demand, actor)
    _require_open(demand)
    if not 1 <= k <= 50:
        raise ValidationFailed(
            details={"k": [_("Enter a number from %(low)s to %(high)s.") % {"low": 1, "high": 50}]}
        )
    began = time.perf_counter()
    started = _start(
        RunMode.POINT_TO_POINT, demand=demand, actor=actor, params={"k": k}, weights=weights, on=on
    )
    run = started.run
    gated = gates.left_out(on)
    filters, declined = _filters(demand, gated=gated)
    query = adapter.demand_query(demand)
    result = top_owners(
        started.state.index,
        query,
        k=k,
        filters=filters,
        weights=started.weights,
        priority=started.priority,
        query_vector=adapter.query_vectors(started.state.index, [query])[0],
    )
    regions, titles = adapter.region_names(), _titles(result.candidates)
    partners = Party.objects.in_bulk([int(c.owner) for c in result.candidates])
    MatchCandidate.objects.bulk_create(
        MatchCandidate(
            run=run,
            demand=demand,
            partner=partners[int(c.owner)],
            rank=c.rank,
            score=c.score,
            reasons=_reasons(c, regions, titles),
        )
        for c in result.candidates
    )
    return _finish(
        started,
        began,
        {
            "candidates": len(result.candidates),
            "excluded_by_feedback": _excluded_summary(declined),
            "excluded_by_gates": _gated_summary(gated),
            "excluded_hainan_and_owner": True,
        },
        result.semantic,
    )


def _quality(
    index: Any,
    demand: Demand,
    requirements: list[str],
    owners: list[str],
    filters: Filters,
    priority: Any,
) -> tuple[np.ndarray, list[list[dict[str, Any]]]]:
    """How well each owner covers each requirement: its best record's normalised lexical match."""
    quality = np.zeros((len(owners), len(requirements)))
    best: list[list[dict[str, Any]]] = [[{} for _ in requirements] for _ in owners]
    row = {o: i for i, o in enumerate(owners)}
    fields = tuple(sorted(f.code for f in demand.fields.all()))
    for r, requirement in enumerate(requirements):
        found = top_k(
            index,
            Query(text=requirement, keywords=(requirement,), fields=fields),
            k=200,
            filters=filters,
            priority=priority,
        )
        for c in found.candidates:
            i = row.get(c.owner)
            value = c.explanation.lexical
            if i is not None and value > quality[i, r]:
                quality[i, r] = value if value >= MIN_COVER else 0.0
                best[i][r] = {
                    "record": c.record_id,
                    "matched_terms": list(c.explanation.matched_terms[:8]),
                }
    return quality, best


@transaction.atomic
def run_coalition(
    *, demand: Demand, actor: Actor, on: dt.date, max_partners: int = 3, pool: int = 30
) -> MatchRun:
    """多对一: up to ``max_partners`` partners that together cover the demand's requirements best."""
    require_edit(demand, actor)
    _require_open(demand)
    requirements = [r for r in (demand.required_capabilities or []) if str(r).strip()]
    errors: dict[str, list[str]] = {}
    if len(requirements) < 2:
        errors["required_capabilities"] = [
            _("A many-to-one match needs at least two required capabilities on the demand.")
        ]
    if not 1 <= max_partners <= 8:
        errors["max_partners"] = [
            _("Enter a number from %(low)s to %(high)s.") % {"low": 1, "high": 8}
        ]
    if errors:
        raise ValidationFailed(details=errors)
    began = time.perf_counter()
    started = _start(
        RunMode.MANY_TO_ONE,
        demand=demand,
        actor=actor,
        params={"max_partners": max_partners, "pool": pool, "min_cover": MIN_COVER},
        weights=None,
        on=on,
    )
    run, state, priority = started.run, started.state, started.priority
    gated = gates.left_out(on)
    filters, declined = _filters(demand, gated=gated)
    query = adapter.demand_query(demand)
    ranked = top_owners(
        state.index,
        query,
        k=pool,
        filters=filters,
        weights=started.weights,
        priority=priority,
        query_vector=adapter.query_vectors(state.index, [query])[0],
    )
    owners = [c.owner for c in ranked.candidates]
    # Coverage of a named requirement stays lexical: it must be said in the partner's records.
    quality, best = _quality(state.index, demand, requirements, owners, filters, priority)
    coalition = solve_coalition(
        CoalitionProblem(
            tuple(owners),
            tuple(requirements),
            quality,
            tuple(1.0 for _ in requirements),
            max_partners,
        )
    )
    covers: dict[str, list[dict[str, Any]]] = {}
    for cover in coalition.covers:
        i, r = owners.index(cover.partner), requirements.index(cover.requirement)
        covers.setdefault(cover.partner, []).append(
            {"requirement": cover.requirement, "quality": round(cover.quality, 4), **best[i][r]}
        )
    regions, titles = adapter.region_names(), _titles(ranked.candidates)
    partners = Party.objects.in_bulk([int(o) for o in owners])
    members = set(coalition.members)
    MatchCandidate.objects.bulk_create(
        MatchCandidate(
            run=run,
            demand=demand,
            partner=partners[int(c.owner)],
            rank=c.rank,
            score=c.score,
            selected=c.owner in members,
            covers=covers.get(c.owner, []),
            reasons={
                **_reasons(c, regions, titles),
                "requirement_quality": [round(float(q), 4) for q in quality[c.rank - 1]],
            },
        )
        for c in ranked.candidates
    )
    return _finish(
        started,
        began,
        {
            "requirements": requirements,
            "members": [partners[int(m)].name for m in coalition.members],
            "uncovered": list(coalition.uncovered),
            "value": round(coalition.value, 4),
            "max_value": float(len(requirements)),
            "method": coalition.method,
            "optimal": coalition.optimal,
            "excluded_by_feedback": _excluded_summary(declined),
            "excluded_by_gates": _gated_summary(gated),
        },
        ranked.semantic,
    )


def _capacities(owners: list[str], on: dt.date) -> tuple[np.ndarray, dict[str, int]]:
    """Free capacity per partner: declared capacity (sum over its live capabilities, 1 without
    any) minus the cooperation items it already carries from accepted matches."""
    ids = [int(o) for o in owners]
    totals = {o: 0 for o in owners}
    live = Capability.objects.filter(status=ListingStatus.PUBLISHED, owner_id__in=ids)
    for owner_id, capacity in live.values_list("owner_id", "capacity"):
        totals[str(owner_id)] += int(capacity)
    busy = {o: 0 for o in owners}
    carried = Interest.objects.filter(
        partner_id__in=ids, status=InterestStatus.ACCEPTED, item__status__in=CARRIED
    )
    for partner_id in carried.values_list("partner_id", flat=True):
        busy[str(partner_id)] += 1
    free = [max(max(totals[o], 1) - busy[o], 0) for o in owners]
    return np.array(free, dtype=np.int64), {o: n for o, n in busy.items() if n}


@transaction.atomic
def run_batch(
    *, actor: Actor, on: dt.date, year: int | None = None, per_demand: int = 20
) -> MatchRun:
    """一对一: one partner per open demand, maximising total fit under partners' capacities."""
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office runs a batch assignment."))
    demands = list(
        Demand.objects.filter(status=ListingStatus.PUBLISHED)
        .prefetch_related("fields", "preferred_regions")
        .order_by("pk")
    )
    demands = [
        d for d in demands if not d.is_expired(on) and (year is None or d.created_at.year == year)
    ]
    if not demands:
        raise ValidationFailed(details={"year": [_("There are no open demands to assign.")]})
    began = time.perf_counter()
    started = _start(
        RunMode.ONE_TO_ONE,
        demand=None,
        actor=actor,
        params={"year": year, "per_demand": per_demand},
        weights=None,
        on=on,
    )
    run = started.run
    run.year = year
    run.save(update_fields=["year"])
    results, hainan, gated = [], adapter.hainan_owner_ids(), gates.left_out(on)
    queries = [adapter.demand_query(d) for d in demands]
    embedded = adapter.query_vectors(started.state.index, queries)
    for demand, query, vector in zip(demands, queries, embedded, strict=True):
        filters, _declined_by = _filters(demand, hainan, gated)
        results.append(
            top_owners(
                started.state.index,
                query,
                k=per_demand,
                filters=filters,
                weights=started.weights,
                priority=started.priority,
                query_vector=vector,
            )
        )
    owners = sorted({c.owner for r in results for c in r.candidates}, key=int)
    column = {o: i for i, o in enumerate(owners)}
    edges = [
        (d, column[c.owner], c.score)
        for d, r in enumerate(results)
        for c in r.candidates
        if c.score > 0
    ]
    capacity, busy = _capacities(owners, on)
    solution = assign(
        AssignmentProblem(
            np.array([e[0] for e in edges], dtype=np.int64),
            np.array([e[1] for e in edges], dtype=np.int64),
            np.array([e[2] for e in edges], dtype=np.float64),
            capacity,
            len(demands),
        )
    )
    regions, partners = adapter.region_names(), Party.objects.in_bulk([int(o) for o in owners])
    rows, load = [], {o: 0 for o in owners}
    for d, (demand, result) in enumerate(zip(demands, results, strict=True)):
        chosen = int(solution.partner_of[d])
        chosen_owner = owners[chosen] if chosen >= 0 else None
        if chosen_owner:
            load[chosen_owner] += 1
        picked = [c for c in result.candidates if c.owner == chosen_owner][:1]
        shown = (
            picked + [c for c in result.candidates if c.owner != chosen_owner][: 3 - len(picked)]
        )
        titles = _titles(shown)
        for c in shown:
            rows.append(
                MatchCandidate(
                    run=run,
                    demand=demand,
                    partner=partners[int(c.owner)],
                    rank=c.rank,
                    score=c.score,
                    selected=c.owner == chosen_owner,
                    reasons={
                        **_reasons(c, regions, titles),
                        "capacity": int(capacity[column[c.owner]]),
                    },
                )
            )
    MatchCandidate.objects.bulk_create(rows)
    used = sorted(
        ((partners[int(o)].name, n, int(capacity[column[o]])) for o, n in load.items() if n),
        key=lambda x: (-x[1], x[0]),
    )
    return _finish(
        started,
        began,
        {
            "demands": len(demands),
            "assigned": int((solution.partner_of >= 0).sum()),
            "total_fit": round(solution.total_fit, 4),
            "method": solution.method,
            "edges": len(edges),
            "partners": len(owners),
            "capacity_already_used": {partners[int(o)].name: n for o, n in sorted(busy.items())},
            "capacity_use": [{"partner": n, "assigned": a, "capacity": c} for n, a, c in used[:30]],
            "over_capacity": [n for n, a, c in used if a > c],
            "excluded_by_gates": _gated_summary(gated),
        },
        any(r.semantic for r in results),
    )
