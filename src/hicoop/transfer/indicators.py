"""The mechanism's transfer indicators: flows, the funnel and the yearly figures.

Other apps (evaluation, reports) import these three selectors by name; keep them stable:

``transfer_indicators(*, year, locality=None) -> TransferIndicators``
    System-wide figures of one year (no user scope: monitoring and evaluation see everything),
    optionally limited to contracts with a side in ``locality`` (a ``Party``; its subtree
    counts). Counts contracts signed in ``year`` (signed, registered, in effect or completed),
    registered and completed ones, the amount and technology-transaction part (万元), payments
    received, approved rights grants and adoptions. ``as_dict()`` gives plain numbers.

``flows(*, year, user) -> Flows``
    The contracts signed in ``year`` that ``user`` may see, as links from the source (the
    partner zone they came through — 苏南, 浙江, 上海闵行 — or the partner side's region, or
    "within Hainan") to the Hainan side's park or city (its nearest ancestor of those kinds),
    with count and amount; plus the same contracts by field and by contract type, and one row
    per contract (the table behind the Sankey chart and its Excel export).

``funnel(*, year, user) -> list[FunnelStage]``
    Achievements the user may see, by the furthest stage each reached in ``year``:
    listed → interest (its owner received an expression of interest, or a 百城百园 adoption) →
    item (an interest, adoption or contract tied to a cooperation item) → contract signed →
    registered → completed. A stage counts every achievement that reached it or a later one,
    so the funnel never widens. Contracts without a listed achievement are not in the funnel.

All three are read-only and deterministic (ties broken by label).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from hicoop.listings.choices import ListingStatus
from hicoop.listings.models import Achievement
from hicoop.matchmaking.models import Interest
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.taxonomy.models import pick_language
from hicoop.transfer.choices import (
    REGISTERED_STATUSES,
    SIGNED_STATUSES,
    ContractType,
    GrantStatus,
    TransferStatus,
    Zone,
)
from hicoop.transfer.models import Adoption, Grant, Payment, Transfer

ZERO = Decimal(0)


@dataclass(frozen=True)
class TransferIndicators:
    year: int
    locality: str
    contracts: int
    registered: int
    completed: int
    amount: Decimal
    technology_amount: Decimal
    paid: Decimal
    grants_approved: int
    adoptions: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "locality": self.locality,
            "contracts": self.contracts,
            "registered": self.registered,
            "completed": self.completed,
            "amount": float(self.amount),
            "technology_amount": float(self.technology_amount),
            "paid": float(self.paid),
            "grants_approved": self.grants_approved,
            "adoptions": self.adoptions,
        }


def _in_locality(locality: Party | None, *lookups: str) -> Q:
    if locality is None:
        return Q()
    condition = Q(pk__in=[])
    for lookup in lookups:
        condition |= Q(**{f"{lookup}__path__startswith": locality.path})
    return condition


def _signed(year: int) -> Any:
    return Transfer.objects.filter(status__in=SIGNED_STATUSES, signed_on__year=year)


def transfer_indicators(*, year: int, locality: Party | None = None) -> TransferIndicators:
    contracts = _signed(year).filter(_in_locality(locality, "seller", "buyer"))
    sums = contracts.aggregate(amount=Sum("amount"), tech=Sum("technology_amount"))
    paid = Payment.objects.filter(transfer__in=contracts).aggregate(total=Sum("amount"))["total"]
    grants = Grant.objects.filter(status=GrantStatus.APPROVED, approved_on__year=year).filter(
        _in_locality(locality, "institution__party")
    )
    adoptions = Adoption.objects.filter(adopted_on__year=year).filter(
        _in_locality(locality, "adopter", "achievement__owner")
    )
    return TransferIndicators(
        year=year,
        locality=locality.name if locality else "",
        contracts=contracts.count(),
        registered=contracts.filter(status__in=REGISTERED_STATUSES).count(),
        completed=contracts.filter(status=TransferStatus.COMPLETED).count(),
        amount=Decimal(sums["amount"] or 0),
        technology_amount=Decimal(sums["tech"] or 0),
        paid=Decimal(paid or 0),
        grants_approved=grants.count(),
        adoptions=adoptions.count(),
    )


@dataclass(frozen=True)
class FlowLink:
    source: str
    target: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class FlowRow:
    pk: int
    title: str
    source: str
    target: str
    field: str
    contract_type: str
    zone: str
    amount: Decimal
    status: str


@dataclass(frozen=True)
class Flows:
    year: int
    links: list[FlowLink]
    by_field: list[tuple[str, int, Decimal]]
    by_type: list[tuple[str, int, Decimal]]
    rows: list[FlowRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((link.amount for link in self.links), ZERO)

    @property
    def count(self) -> int:
        return sum(link.count for link in self.links)

    def sankey(self) -> dict[str, Any]:
        """Nodes and links as ECharts wants them (amounts in 万元); a name used on both sides
        gets a trailing mark so the chart stays acyclic."""
        sources = sorted({link.source for link in self.links})
        targets = sorted({link.target for link in self.links})
        clash = set(sources) & set(targets)

        def right(name: str) -> str:
            return f"{name} " if name in clash else name

        return {
            "nodes": [{"name": n} for n in sources] + [{"name": right(n)} for n in targets],
            "links": [
                {
                    "source": link.source,
                    "target": right(link.target),
                    "value": float(link.amount) or 0.01,
                    "count": link.count,
                }
                for link in self.links
            ],
        }


class _Places:
    """Labels of places from tree paths, with every ancestor loaded in one query."""

    def __init__(self, paths: Iterable[str]) -> None:
        ids: set[int] = set()
        for path in paths:
            ids.update(self.ids(path))
        self.by_id = {p.pk: p for p in Party.objects.filter(pk__in=ids)}
        self.hainan = Party.objects.filter(external_id="mechanism:hainan").first()

    @staticmethod
    def ids(path: str) -> list[int]:
        return [int(p) for p in path.strip("/").split("/") if p]

    def chain(self, path: str) -> list[Party]:
        return [self.by_id[i] for i in self.ids(path) if i in self.by_id]

    def in_hainan(self, path: str) -> bool:
        return bool(self.hainan and path.startswith(self.hainan.path))

    def hainan_place(self, path: str) -> str:
        """The Hainan side's nearest park, else its city, else the province."""
        chain = list(reversed(self.chain(path)))
        for kind in (PartyKind.PARK, PartyKind.CITY):
            found = next((p for p in chain if p.kind == kind), None)
            if found is not None:
                return found.display_name
        return self.hainan.display_name if self.hainan else _("Hainan")

    def region(self, path: str) -> str:
        chain = self.chain(path)
        return chain[0].display_name if chain else ""


def _source_target(row: dict[str, Any], places: _Places, zones: dict[str, str]) -> tuple[str, str]:
    seller, buyer = row["seller__path"], row["buyer__path"]
    seller_in, buyer_in = places.in_hainan(seller), places.in_hainan(buyer)
    hainan_side, other = (buyer, seller) if buyer_in or not seller_in else (seller, buyer)
    target = places.hainan_place(hainan_side)
    if row["zone"] and row["zone"] != Zone.HAINAN:
        return zones[row["zone"]], target
    if seller_in and buyer_in:
        return _("Within Hainan"), target
    return places.region(other), target


_FLOW_COLUMNS = (
    "pk",
    "title",
    "zone",
    "contract_type",
    "amount",
    "status",
    "seller__path",
    "buyer__path",
    "field__name",
    "field__name_en",
)


def _visible_signed(year: int, user: Any) -> list[dict[str, Any]]:
    return list(
        _signed(year)
        .filter(pk__in=Transfer.objects.visible_to(user).values("pk"))
        .order_by("signed_on", "pk")
        .values(*_FLOW_COLUMNS)
    )


def _grouped(pairs: Iterable[tuple[str, Decimal]]) -> list[tuple[str, int, Decimal]]:
    counts: dict[str, int] = defaultdict(int)
    amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for label, amount in pairs:
        counts[label] += 1
        amounts[label] += amount
    return sorted(((k, counts[k], amounts[k]) for k in counts), key=lambda r: (-r[2], r[0]))


def _labels(choices: Any) -> dict[str, str]:
    return {str(code): str(label) for code, label in choices.choices}


def flows(*, year: int, user: Any) -> Flows:
    contracts = _visible_signed(year, user)
    places = _Places(p for row in contracts for p in (row["seller__path"], row["buyer__path"]))
    zones, types = _labels(Zone), _labels(ContractType)
    statuses, unnamed = _labels(TransferStatus), _("Not given")
    rows = []
    for row in contracts:
        source, target = _source_target(row, places, zones)
        field_name = pick_language(row["field__name"] or "", row["field__name_en"] or "")
        rows.append(
            FlowRow(
                pk=row["pk"],
                title=row["title"],
                source=source,
                target=target,
                field=field_name or unnamed,
                contract_type=types.get(row["contract_type"], row["contract_type"]),
                zone=zones.get(row["zone"], ""),
                amount=row["amount"],
                status=statuses.get(row["status"], row["status"]),
            )
        )
    grouped: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for r in rows:
        grouped[(r.source, r.target)].append(r.amount)
    links = sorted(
        (FlowLink(s, t, len(a), sum(a, ZERO)) for (s, t), a in grouped.items()),
        key=lambda link: (-link.amount, link.source, link.target),
    )
    return Flows(
        year=year,
        links=links,
        by_field=_grouped((r.field, r.amount) for r in rows),
        by_type=_grouped((r.contract_type, r.amount) for r in rows),
        rows=rows,
    )


@dataclass(frozen=True)
class FunnelStage:
    code: str
    label: str
    count: int


def _achievements_with(user: Any, condition: Q) -> set[int]:
    return set(Achievement.objects.visible_to(user).filter(condition).values_list("pk", flat=True))


def funnel(*, year: int, user: Any) -> list[FunnelStage]:
    listed = _achievements_with(
        user,
        Q(status__in=[ListingStatus.PUBLISHED, ListingStatus.MATCHED, ListingStatus.CLOSED])
        & Q(created_at__year__lte=year),
    )
    interest_owners = Interest.objects.filter(sent_at__year=year).values("partner")
    adopted = Adoption.objects.filter(adopted_on__year=year).values("achievement")
    interest = _achievements_with(user, Q(owner__in=interest_owners) | Q(pk__in=adopted))
    itemised = _achievements_with(
        user,
        Q(
            owner__in=Interest.objects.filter(sent_at__year=year, item__isnull=False).values(
                "partner"
            )
        )
        | Q(
            pk__in=Adoption.objects.filter(adopted_on__year=year, item__isnull=False).values(
                "achievement"
            )
        )
        | Q(transfers__item__isnull=False, transfers__signed_on__year=year),
    )
    signed_q = Q(transfers__signed_on__year=year)
    signed = _achievements_with(user, signed_q & Q(transfers__status__in=SIGNED_STATUSES))
    registered = _achievements_with(user, signed_q & Q(transfers__status__in=REGISTERED_STATUSES))
    completed = _achievements_with(user, signed_q & Q(transfers__status=TransferStatus.COMPLETED))
    stages = [
        ("listed", _("Achievement listed"), listed),
        ("interest", _("Interest"), interest),
        ("item", _("Cooperation item"), itemised),
        ("signed", _("Contract signed"), signed),
        ("registered", _("Registered"), registered),
        ("completed", _("Completed"), completed),
    ]
    reached: set[int] = set()
    out = []
    for code, label, ids in reversed(stages):
        reached |= ids
        out.append(FunnelStage(code, str(label), len(reached)))
    return list(reversed(out))
