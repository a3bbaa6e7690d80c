"""The cooperation network: partner regions, parks and units ↔ Hainan cities, parks and units.

Edges are weighted by cooperation items and park pairings (and transfers once that app reports
them) and coloured by the measure most of their items serve. Read with the viewer's scope.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse

from hicoop.cooperation import selectors as coop
from hicoop.cooperation.choices import Side
from hicoop.cooperation.models import CooperationItem, ItemParty
from hicoop.taxonomy.models import Measure

PAIRING_MEASURE = 4  # 多帮一科技园区对口帮扶
TRANSFER_MEASURE = 3  # 国际技术转移示范区


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    side: str
    kind: str
    weight: int
    url: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    source_label: str
    target_label: str
    items: int
    pairings: int
    transfers: int
    measure: int
    measure_label: str

    @property
    def weight(self) -> int:
        return self.items + self.pairings + self.transfers


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    measures: tuple[tuple[int, str], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [asdict(e) | {"weight": e.weight} for e in self.edges],
            "measures": [list(m) for m in self.measures],
        }


@dataclass
class _Link:
    items: int = 0
    pairings: int = 0
    transfers: int = 0
    measures: Counter[int] | None = None


def _items(user: Any, within: str, year: int | None, measure: int | None, field: str) -> Any:
    found = (
        CooperationItem.objects.visible_to(user)
        .filter(status__in=coop.COUNTED)
        .select_related("measure")
        .prefetch_related(Prefetch("sides", queryset=ItemParty.objects.select_related("party")))
    )
    if within:
        found = found.filter(sides__party__path__startswith=within)
    if year:
        found = found.filter(year__lte=year)
    if measure:
        found = found.filter(measure__number=measure)
    if field:
        found = found.filter(fields__code=field)
    return found.distinct().order_by("number", "pk")


def build(
    *,
    user: Any,
    within: str = "",
    year: int | None = None,
    measure: int | None = None,
    field: str = "",
    own_side: bool = False,
) -> Graph:
    """The network of what ``user`` may see, optionally for one scope, year, measure or field.

    ``own_side`` keeps only the scope's own parties on the partner side (a region's report).
    """
    links: dict[tuple[int, int], _Link] = defaultdict(_Link)
    parties: dict[int, tuple[Any, str]] = {}
    for item in _items(user, within, year, measure, field):
        partners = [s.party for s in item.sides.all() if s.side == Side.PARTNER]
        if own_side:
            partners = [p for p in partners if p.path.startswith(within)]
        hainan = [s.party for s in item.sides.all() if s.side == Side.HAINAN]
        for p in partners:
            for h in hainan:
                link = links[(p.pk, h.pk)]
                link.items += 1
                link.measures = (link.measures or Counter()) + Counter([item.measure.number])
                parties[p.pk] = (p, Side.PARTNER)
                parties[h.pk] = (h, Side.HAINAN)
    if not measure or measure == PAIRING_MEASURE:
        _add_pairings(user, within, year, field, links, parties, own_side)
    if not measure or measure == TRANSFER_MEASURE:
        _add_transfers(user, within, year, field, links, parties, own_side)
    return _graph(links, parties)


def _add_transfers(
    user: Any,
    within: str,
    year: int | None,
    field: str,
    links: dict[tuple[int, int], _Link],
    parties: dict[int, tuple[Any, str]],
    own_side: bool,
) -> None:
    """Signed technology transfers, seller → buyer, once the transfer app is installed."""
    try:
        from hicoop.transfer.choices import SIGNED_STATUSES
        from hicoop.transfer.models import Transfer
    except ImportError:
        return
    found = Transfer.objects.visible_to(user).filter(status__in=SIGNED_STATUSES)
    if within:
        found = found.filter(Q(seller__path__startswith=within) | Q(buyer__path__startswith=within))
    if year:
        found = found.filter(signed_on__year__lte=year)
    if field:
        found = found.filter(field__code=field)
    for t in found.select_related("seller", "buyer").order_by("pk"):
        if own_side and not t.seller.path.startswith(within):
            continue
        link = links[(t.seller_id, t.buyer_id)]
        link.transfers += 1
        link.measures = (link.measures or Counter()) + Counter([TRANSFER_MEASURE])
        parties.setdefault(t.seller_id, (t.seller, Side.PARTNER))
        parties.setdefault(t.buyer_id, (t.buyer, Side.HAINAN))


def _add_pairings(
    user: Any,
    within: str,
    year: int | None,
    field: str,
    links: dict[tuple[int, int], _Link],
    parties: dict[int, tuple[Any, str]],
    own_side: bool,
) -> None:
    found = coop.pairing_list(user=user).filter(is_active=True)
    if within:
        found = found.filter(
            Q(hainan_parks__path__startswith=within) | Q(helpers__path__startswith=within)
        ).distinct()
    if year:
        found = found.filter(Q(started_on__isnull=True) | Q(started_on__year__lte=year))
    if field:
        found = found.filter(fields__code=field).distinct()
    for pairing in found:
        helpers = [h for h in pairing.helpers.all() if not own_side or h.path.startswith(within)]
        for helper in helpers:
            for park in pairing.hainan_parks.all():
                link = links[(helper.pk, park.pk)]
                link.pairings += 1
                link.measures = (link.measures or Counter()) + Counter([PAIRING_MEASURE])
                parties[helper.pk] = (helper, Side.PARTNER)
                parties[park.pk] = (park, Side.HAINAN)


def _graph(links: dict[tuple[int, int], _Link], parties: dict[int, tuple[Any, str]]) -> Graph:
    labels = {m.number: m.display_name for m in Measure.objects.all()}
    degree: Counter[int] = Counter()
    edges = []
    for (a, b), link in sorted(links.items()):
        main = sorted((link.measures or Counter()).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        weight = link.items + link.pairings + link.transfers
        degree[a] += weight
        degree[b] += weight
        edges.append(
            Edge(
                source=str(a),
                target=str(b),
                source_label=parties[a][0].display_name,
                target_label=parties[b][0].display_name,
                items=link.items,
                pairings=link.pairings,
                transfers=link.transfers,
                measure=main,
                measure_label=labels.get(main, str(main)),
            )
        )
    nodes = tuple(
        Node(
            id=str(pk),
            label=party.display_name,
            side=str(side),
            kind=party.kind,
            weight=degree[pk],
            url=reverse("parties:detail", args=[pk]),
        )
        for pk, (party, side) in sorted(parties.items(), key=lambda kv: (kv[1][1], kv[1][0].path))
    )
    return Graph(nodes=nodes, edges=tuple(edges), measures=tuple(sorted(labels.items())))
