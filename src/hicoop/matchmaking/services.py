"""Matching runs in the three modes, expressions of interest and the partner's answer.

A run reads the live records through ``adapter``, calls the pure engine and stores every
candidate with its reasons, the weights, the formula and the versions of its inputs. An
interest accepted by the partner (the owner accepted by sending it) creates a cooperation item;
declines keep their fixed reason and later runs leave that partner out for that demand.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation import services as cooperation
from hicoop.cooperation.choices import ItemStatus, Origin
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.scope import can_edit, require_edit
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
from hicoop.listings import services as listings
from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Capability, Demand
from hicoop.matchmaking import adapter
from hicoop.matchmaking.choices import DeclineReason, InterestStatus, RunMode
from hicoop.matchmaking.models import Interest, MatchCandidate, MatchRun
from hicoop.parties.models import Party

OPEN_DEMAND = (ListingStatus.PUBLISHED, ListingStatus.MATCHED)
# Items that still take a partner's capacity.
CARRIED = (ItemStatus.AGREED, ItemStatus.IN_PROGRESS, ItemStatus.SUSPENDED)
# A requirement counts as covered by a partner only above this normalised lexical match.
MIN_COVER = 0.15


def _user(actor: Any) -> Any:
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
    demand: Demand, hainan: frozenset[str] | None = None
) -> tuple[Filters, dict[str, str]]:
    """Leave out Hainan owners (``hainan``, read once per batch), the owner and past declines."""
    declined = _declined(demand)
    hainan = adapter.hainan_owner_ids() if hainan is None else hainan
    excluded = hainan | frozenset(declined) | {str(demand.owner_id)}
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
        "method": owner.method,
        "evidence": evidence,
    }


def _start(
    mode: str,
    *,
    demand: Demand | None,
    actor: Any,
    params: dict[str, Any],
    weights: RankingWeights,
    on: dt.date,
) -> tuple[MatchRun, adapter.IndexState, PriorityMatrix]:
    state = adapter.current_index(on)
    priority, matrix_year = adapter.priority_matrix(on.year)
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
        },
        created_by=_user(actor),
    )
    return run, state, priority


def _finish(run: MatchRun, started: float, summary: dict[str, Any]) -> MatchRun:
    run.summary = summary
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.save(update_fields=["summary", "duration_ms"])
    return run


def _excluded_summary(declined: dict[str, str]) -> list[dict[str, Any]]:
    names = dict(Party.objects.filter(pk__in=[int(p) for p in declined]).values_list("pk", "name"))
    return [{"partner": names.get(int(p), p), "reason": r} for p, r in sorted(declined.items())]


@transaction.atomic
def run_point_to_point(
    *, demand: Demand, actor: Any, on: dt.date, k: int = 10, weights: RankingWeights | None = None
) -> MatchRun:
    """点对点: the ``k`` best partner organisations for one demand, each with its evidence."""
    require_edit(demand, actor)
    _require_open(demand)
    if not 1 <= k <= 50:
        raise ValidationFailed(
            details={"k": [_("Enter a number from %(low)s to %(high)s.") % {"low": 1, "high": 50}]}
        )
    weights = weights or RankingWeights()
    started = time.perf_counter()
    run, state, priority = _start(
        RunMode.POINT_TO_POINT, demand=demand, actor=actor, params={"k": k}, weights=weights, on=on
    )
    filters, declined = _filters(demand)
    result = top_owners(
        state.index,
        adapter.demand_query(demand),
        k=k,
        filters=filters,
        weights=weights,
        priority=priority,
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
        run,
        started,
        {
            "candidates": len(result.candidates),
            "excluded_by_feedback": _excluded_summary(declined),
            "excluded_hainan_and_owner": True,
        },
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
    *, demand: Demand, actor: Any, on: dt.date, max_partners: int = 3, pool: int = 30
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
    weights = RankingWeights()
    started = time.perf_counter()
    run, state, priority = _start(
        RunMode.MANY_TO_ONE,
        demand=demand,
        actor=actor,
        params={"max_partners": max_partners, "pool": pool, "min_cover": MIN_COVER},
        weights=weights,
        on=on,
    )
    filters, declined = _filters(demand)
    ranked = top_owners(
        state.index,
        adapter.demand_query(demand),
        k=pool,
        filters=filters,
        weights=weights,
        priority=priority,
    )
    owners = [c.owner for c in ranked.candidates]
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
        run,
        started,
        {
            "requirements": requirements,
            "members": [partners[int(m)].name for m in coalition.members],
            "uncovered": list(coalition.uncovered),
            "value": round(coalition.value, 4),
            "max_value": float(len(requirements)),
            "method": coalition.method,
            "optimal": coalition.optimal,
            "excluded_by_feedback": _excluded_summary(declined),
        },
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
    *, actor: Any, on: dt.date, year: int | None = None, per_demand: int = 20
) -> MatchRun:
    """一对一: one partner per open demand, maximising total fit under partners' capacities."""
    if actor is not None and not roles.is_joint_office_admin(actor):
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
    weights = RankingWeights()
    started = time.perf_counter()
    run, state, priority = _start(
        RunMode.ONE_TO_ONE,
        demand=None,
        actor=actor,
        params={"year": year, "per_demand": per_demand},
        weights=weights,
        on=on,
    )
    run.year = year
    run.save(update_fields=["year"])
    results, hainan = [], adapter.hainan_owner_ids()
    for demand in demands:
        filters, _declined_by = _filters(demand, hainan)
        results.append(
            top_owners(
                state.index,
                adapter.demand_query(demand),
                k=per_demand,
                filters=filters,
                weights=weights,
                priority=priority,
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
        run,
        started,
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
        },
    )


# ---------------------------------------------------------------- interest and feedback


def _require_partner(interest: Interest, actor: Any) -> None:
    if actor is not None and not can_edit(interest.partner, actor):
        raise PermissionDenied(
            _("Only the partner (or the joint office) answers an expression of interest.")
        )


@transaction.atomic
def express_interest(
    *,
    demand: Demand,
    partner: Party,
    actor: Any,
    message: str = "",
    candidate: MatchCandidate | None = None,
) -> Interest:
    """The demand's owner tells a partner it wants to cooperate (this is the owner's acceptance)."""
    require_edit(demand, actor)
    _require_open(demand)
    if str(partner.pk) in adapter.hainan_owner_ids() or partner.pk == demand.owner_id:
        raise ValidationFailed(details={"partner": [_("Partners come from outside Hainan.")]})
    if Interest.objects.filter(
        demand=demand, partner=partner, status__in=[InterestStatus.SENT, InterestStatus.ACCEPTED]
    ).exists():
        raise Conflict(_("An expression of interest to this partner is already open or accepted."))
    return Interest.objects.create(
        demand=demand,
        partner=partner,
        candidate=candidate,
        run=candidate.run if candidate else None,
        message=message.strip(),
        sent_by=_user(actor),
    )


def _item_for(interest: Interest, actor: Any, on: dt.date) -> Any:
    """The cooperation item of an accepted interest; coalition members join one shared item."""
    demand = interest.demand
    sibling = None
    if interest.run_id and interest.run and interest.run.mode == RunMode.MANY_TO_ONE:
        sibling = (
            Interest.objects.filter(run=interest.run, demand=demand, item__isnull=False)
            .exclude(pk=interest.pk)
            .select_related("item")
            .first()
        )
    item = sibling.item if sibling is not None else None
    if item is not None and item.status not in {ItemStatus.COMPLETED, ItemStatus.TERMINATED}:
        partners = [str(p.pk) for p in item.partner_parties] + [str(interest.partner_id)]
        cooperation.adjust_item(
            item=item,
            data={"partner_parties": partners},
            actor=None,
            year=on.year,
            reason=_("Coalition partner %(partner)s accepted.")
            % {"partner": interest.partner.name},
        )
        return item
    mode = interest.run.mode if interest.run_id and interest.run else demand.mode
    item = cooperation.create_item(
        data={
            "title": demand.title,
            "measure": demand.measure.number,
            "mode": mode,
            "fields": [f.code for f in demand.fields.all()],
            "goals": demand.description,
            "hainan_parties": [str(demand.owner_id)],
            "partner_parties": [str(interest.partner_id)],
            "origin": Origin.MATCH,
            "source_demand": demand.pk,
            "origin_note": _("Expression of interest #%(id)s") % {"id": interest.pk}
            + (f" · run #{interest.run_id}" if interest.run_id else ""),
            "year": on.year,
            "hainan_lead": demand.contact_person,
        },
        actor=None,
        on=on,
    )
    cooperation.transition_item(
        item=item, action="agree", actor=None, reason=_("Both sides accepted the match.")
    )
    return item


@transaction.atomic
def respond_interest(
    *, interest: Interest, actor: Any, accept: bool, on: dt.date, reason: str = "", note: str = ""
) -> Interest:
    """The partner accepts (a cooperation item is created) or declines with a fixed reason."""
    _require_partner(interest, actor)
    if interest.status != InterestStatus.SENT:
        raise Conflict(
            _("This expression of interest was already answered (%(status)s).")
            % {"status": InterestStatus(interest.status).label}
        )
    if not accept:
        errors = {}
        if reason not in DeclineReason.values:
            errors["reason"] = [_("Choose a reason: not relevant, no capacity, terms or other.")]
        elif reason == DeclineReason.OTHER and not note.strip():
            errors["note"] = [_("Please explain the other reason.")]
        if errors:
            raise ValidationFailed(details=errors)
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.decline_reason = "" if accept else reason
    interest.decline_note = note.strip()
    interest.answered_by, interest.answered_at = _user(actor), timezone.now()
    if accept:
        interest.item = _item_for(interest, actor, on)
        if interest.demand.status == ListingStatus.PUBLISHED:
            listings.transition_listing(
                listing=interest.demand,
                action="match",
                actor=None,
                reason=_("Accepted by %(partner)s") % {"partner": interest.partner.name},
            )
    interest.save()
    return interest


@transaction.atomic
def withdraw_interest(*, interest: Interest, actor: Any) -> Interest:
    require_edit(interest.demand, actor)
    if interest.status != InterestStatus.SENT:
        raise Conflict(_("Only an unanswered expression of interest can be withdrawn."))
    interest.status = InterestStatus.WITHDRAWN
    interest.answered_by, interest.answered_at = _user(actor), timezone.now()
    interest.save(update_fields=["status", "answered_by", "answered_at"])
    return interest
