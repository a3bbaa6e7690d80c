"""The providers of the report's sections, one small function per chapter (ADR 0045).

Cooperation figures come from ``cooperation.selectors.dashboard`` itself, so the report shows
exactly the dashboard's numbers for the same data; later domains (transfer, talent, evaluation)
are read through their selectors when their apps have them, else the section says "no data yet".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hicoop.cooperation import selectors as coop
from hicoop.cooperation.models import CooperationItem, KeyTask
from hicoop.reports import network
from hicoop.reports.sections import Context, no_data, register
from hicoop.reports.snapshot import Section, chart, figure, table


def _pct(value: float) -> float:
    return round(100 * value, 1)


def _buckets(buckets: list[coop.Bucket]) -> list[list[Any]]:
    return [[b.label, b.count, _pct(b.progress)] for b in buckets]


def _bucket_columns(first: Any) -> list[tuple[str, Any]]:
    return [("label", first), ("items", _("items")), ("progress", _("progress (%)"))]


# ------------------------------------------------------------------ measures (overview)


@register("measures", lambda: _("The five measures"), 10)
def measures(ctx: Context) -> Section:
    title = _("The five measures")
    whole = coop.dashboard(user=ctx.user, on=ctx.on, within=ctx.within)
    year = coop.dashboard(user=ctx.user, on=ctx.on, year=ctx.year, within=ctx.within)
    if not whole.total:
        return no_data("measures", title)
    return Section(
        key="measures",
        title=title,
        available=True,
        figures=(
            figure("items_total", _("cooperation items"), whole.total),
            figure("overall_progress", _("overall progress (%)"), _pct(whole.overall)),
            figure("items_year", _("items started this year"), year.total),
            figure("year_progress", _("progress of this year's items (%)"), _pct(year.overall)),
        ),
        tables=(
            table(
                "by_measure",
                _("Progress by measure"),
                _bucket_columns(_("measure")),
                _buckets(whole.by_measure),
            ),
            table(
                "by_status",
                _("Items by status"),
                _bucket_columns(_("status")),
                _buckets(whole.by_status),
            ),
            table(
                "by_year",
                _("Items by start year"),
                _bucket_columns(_("start year")),
                _buckets(whole.by_year),
            ),
        ),
        charts=(
            chart(
                "measure_progress",
                _("Progress by measure"),
                "bar",
                [b.label for b in whole.by_measure],
                [(_("progress (%)"), [_pct(b.progress) for b in whole.by_measure])],
                unit="%",
            ),
            chart(
                "status_pie",
                _("Items by status"),
                "pie",
                [b.label for b in whole.by_status],
                [(_("items"), [b.count for b in whole.by_status])],
            ),
            chart(
                "year_items",
                _("Items by start year"),
                "line",
                [b.label for b in whole.by_year],
                [(_("items"), [b.count for b in whole.by_year])],
            ),
        ),
    )


# ------------------------------------------------------------------ regions and fields


def _own_regions(ctx: Context, buckets: list[coop.Bucket]) -> list[coop.Bucket]:
    """A region's report shows its own bucket only (items it shares count, the partner does not)."""
    if ctx.scope_kind != "region":
        return buckets
    return [b for b in buckets if f"/{b.key}/" in ctx.within]


@register("regions", lambda: _("Regions and fields"), 20)
def regions(ctx: Context) -> Section:
    title = _("Regions and fields")
    d = coop.dashboard(user=ctx.user, on=ctx.on, within=ctx.within)
    by_region = _own_regions(ctx, d.by_region)
    if not by_region:
        return no_data("regions", title)
    return Section(
        key="regions",
        title=title,
        available=True,
        tables=(
            table(
                "by_region",
                _("Progress by region"),
                _bucket_columns(_("region")),
                _buckets(by_region),
            ),
            table(
                "by_field",
                _("Progress by field"),
                _bucket_columns(_("field")),
                _buckets(d.by_field),
            ),
        ),
        charts=(
            chart(
                "region_items",
                _("Items by region"),
                "barh",
                [b.label for b in by_region],
                [(_("items"), [b.count for b in by_region])],
            ),
            chart(
                "field_progress",
                _("Progress by field"),
                "barh",
                [b.label for b in d.by_field[:15]],
                [(_("progress (%)"), [_pct(b.progress) for b in d.by_field[:15]])],
                unit="%",
            ),
        ),
    )


# ------------------------------------------------------------------ pairings


def _in_scope_pairings(ctx: Context) -> list[Any]:
    found = coop.pairing_list(user=ctx.user)
    if ctx.within:
        found = found.filter(
            Q(hainan_parks__path__startswith=ctx.within) | Q(helpers__path__startswith=ctx.within)
        ).distinct()
    return list(found.prefetch_related("activities", "results", "platforms"))


def _own(ctx: Context, parties: Any) -> list[Any]:
    if ctx.scope_kind != "region":
        return list(parties)
    return [p for p in parties if p.path.startswith(ctx.within)]


def _names(parties: Any) -> str:
    return "、".join(p.display_name for p in parties)


@register("pairings", lambda: _("Park pairings (many help one)"), 30)
def pairings(ctx: Context) -> Section:
    title = _("Park pairings (many help one)")
    found = _in_scope_pairings(ctx)
    if not found:
        return no_data("pairings", title)
    rows = []
    for p in found:
        activities = [a for a in p.activities.all() if a.held_on.year == ctx.year]
        results = [r for r in p.results.all() if r.achieved_on.year == ctx.year]
        rows.append(
            [
                p.display_title,
                _names(p.hainan_parks.all()),
                _names(_own(ctx, p.helpers.all())),
                _pct(coop.pairing_progress(p)),
                len(activities),
                sum(a.talents for a in activities),
                len(results),
                len(p.platforms.all()),
            ]
        )
    columns = [
        ("pairing", _("pairing")),
        ("hainan", _("Hainan parks helped")),
        ("helpers", _("helping parks and regions")),
        ("progress", _("progress (%)")),
        ("activities", _("activities this year")),
        ("talents", _("young talents to Hainan")),
        ("results", _("results this year")),
        ("platforms", _("co-built platforms")),
    ]
    return Section(
        key="pairings",
        title=title,
        available=True,
        tables=(table("pairings", title, columns, rows),),
        charts=(
            chart(
                "pairing_progress",
                _("Progress of the park pairings"),
                "barh",
                [r[0] for r in rows],
                [(_("progress (%)"), [r[3] for r in rows])],
                unit="%",
            ),
        ),
    )


# ------------------------------------------------------------------ key tasks


@register("tasks", lambda: _("Key tasks with direct ministry support"), 40)
def tasks(ctx: Context) -> Section:
    title = _("Key tasks with direct ministry support")
    d = coop.dashboard(user=ctx.user, on=ctx.on, within=ctx.within)
    if not d.tasks:
        return no_data("tasks", title)
    by_number = {
        str(t.number): t
        for t in KeyTask.objects.filter(number__in=[b.key for b in d.tasks]).select_related(
            "department"
        )
    }
    rows = []
    for b in d.tasks:
        task = by_number[b.key]
        rows.append(
            [
                int(b.key),
                b.label,
                task.department.display_name,
                str(task.get_status_display()),
                _pct(b.progress),
                task.deadline.isoformat() if task.deadline else "",
            ]
        )
    columns = [
        ("number", _("number")),
        ("task", _("key task")),
        ("department", _("responsible MOST department")),
        ("status", _("status")),
        ("progress", _("progress (%)")),
        ("deadline", _("deadline")),
    ]
    return Section(
        key="tasks",
        title=title,
        available=True,
        figures=(figure("overdue", _("tasks past their deadline"), len(d.overdue_tasks)),),
        tables=(table("tasks", title, columns, rows),),
        charts=(
            chart(
                "task_progress",
                _("Progress of the key tasks"),
                "barh",
                [f"{r[0]}. {str(r[1])[:18]}" for r in rows],
                [(_("progress (%)"), [r[4] for r in rows])],
                unit="%",
            ),
        ),
    )


# ------------------------------------------------------------------ technology transfer


def _scope_party(ctx: Context) -> Any:
    from hicoop.parties.models import Party

    return Party.objects.filter(path=ctx.within).first() if ctx.within else None


def _money(value: Any) -> float:
    return round(float(value), 2)


@register("transfer", lambda: _("Technology transfer"), 50)
def transfer(ctx: Context) -> Section:
    from hicoop.transfer import indicators  # ImportError until the transfer app has it

    title = _("Technology transfer")
    found = indicators.transfer_indicators(year=ctx.year, locality=_scope_party(ctx))
    if not (found.contracts or found.grants_approved or found.adoptions):
        return no_data("transfer", title)
    figures = (
        figure("contracts", _("contracts signed"), found.contracts),
        figure("registered", _("contracts registered"), found.registered),
        figure("completed", _("contracts completed"), found.completed),
        figure("amount", _("contract amount (10k yuan)"), _money(found.amount)),
        figure(
            "technology_amount", _("technology income (10k yuan)"), _money(found.technology_amount)
        ),
        figure("paid", _("paid (10k yuan)"), _money(found.paid)),
        figure("grants", _("ownership grants approved"), found.grants_approved),
        figure("adoptions", _("achievements adopted"), found.adoptions),
    )
    if ctx.scope_kind == "region":  # the flows name other regions: the indicators only
        return Section(key="transfer", title=title, available=True, figures=figures)
    flows = indicators.flows(year=ctx.year, user=ctx.user)
    columns = [
        ("label", _("field")),
        ("contracts", _("contracts")),
        ("amount", _("contract amount (10k yuan)")),
    ]
    by_field = [[label, n, _money(amount)] for label, n, amount in flows.by_field]
    by_type = [[label, n, _money(amount)] for label, n, amount in flows.by_type]
    return Section(
        key="transfer",
        title=title,
        available=True,
        figures=figures,
        tables=(
            table("by_field", _("Transfers by field"), columns, by_field),
            table(
                "by_type",
                _("Transfers by contract type"),
                [("label", _("contract type")), *columns[1:]],
                by_type,
            ),
        ),
        charts=(
            chart(
                "transfer_fields",
                _("Transfer contracts by field"),
                "barh",
                [r[0] for r in by_field],
                [(_("contracts"), [r[1] for r in by_field])],
            ),
        ),
    )


# ------------------------------------------------------------------ policy edition


@register("policies", lambda: _("Offshore innovation policy catalogue"), 60)
def policies(ctx: Context) -> Section:
    from hicoop.policies import selectors as pol

    title = _("Offshore innovation policy catalogue")
    edition = pol.editions(user=ctx.user).filter(year=ctx.year).first()
    if edition is None:
        return no_data("policies", title)
    entries = list(pol.edition_entries(edition))
    rows = [
        [
            e.policy.display_title,
            str(e.get_category_display()),
            e.policy.issuer.display_name,
            e.version.number,
        ]
        for e in entries
    ]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    columns = [
        ("policy", _("policy")),
        ("category", _("category")),
        ("issuer", _("issuer")),
        ("version", _("version")),
    ]
    return Section(
        key="policies",
        title=title,
        available=True,
        figures=(
            figure("edition", _("edition"), edition.display_title),
            figure("edition_status", _("status"), str(edition.get_status_display())),
            figure("entries", _("policies in the edition"), len(rows)),
        ),
        tables=(table("edition", edition.display_title, columns, rows),),
        charts=(
            chart(
                "policy_categories",
                _("Catalogue by policy area"),
                "pie",
                list(counts),
                [(_("policies"), list(counts.values()))],
            ),
        ),
    )


@register("negative_list", lambda: _("Negative list for foreigners' work permits"), 70)
def negative_list(ctx: Context) -> Section:
    from hicoop.talent import selectors as talent  # ImportError until the talent app has it

    title = _("Negative list for foreigners' work permits")
    version = talent.in_force(dt.date(ctx.year, 12, 31))
    if version is None:
        return no_data("negative_list", title)
    rows = [
        [
            e.code,
            e.industry.display_name,
            str(e.get_restriction_display()),
            e.legal_reference,
        ]
        for e in talent.entries(version).order_by("code", "pk")
    ]
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    columns = [
        ("code", _("entry")),
        ("industry", _("industry")),
        ("restriction", _("restriction")),
        ("reference", _("legal reference")),
    ]
    return Section(
        key="negative_list",
        title=title,
        available=True,
        figures=(
            figure("version", _("version in force at the end of the year"), version.number),
            figure("entries", _("entries"), len(rows)),
        ),
        tables=(table("entries", version.display_title, columns, rows),),
        charts=(
            chart(
                "restrictions",
                _("Entries by restriction"),
                "pie",
                list(counts),
                [(_("entries"), list(counts.values()))],
            ),
        ),
    )


# ------------------------------------------------------------------ meeting decisions


@register("decisions", lambda: _("Decisions of the promotion meeting"), 80)
def decisions(ctx: Context) -> Section:
    from hicoop.meetings.models import Decision

    title = _("Decisions of the promotion meeting")
    found = Decision.objects.visible_to(ctx.user).filter(meeting__year=ctx.year)
    if ctx.within:
        items = CooperationItem.objects.filter(sides__party__path__startswith=ctx.within)
        tasks = KeyTask.objects.filter(
            Q(department__path__startswith=ctx.within)
            | Q(supporting_units__path__startswith=ctx.within)
        )
        found = found.filter(Q(item__in=items.values("pk")) | Q(task__in=tasks.values("pk")))
    rows = [
        [d.reference, d.title, str(d.get_kind_display()), str(d.get_status_display())]
        for d in found.select_related("meeting").order_by("meeting__starts_on", "number", "pk")
    ]
    if not rows:
        return no_data("decisions", title)
    columns = [
        ("reference", _("decision")),
        ("title", _("title")),
        ("kind", _("kind")),
        ("status", _("status")),
    ]
    return Section(
        key="decisions",
        title=title,
        available=True,
        tables=(table("decisions", title, columns, rows),),
    )


# ------------------------------------------------------------------ evaluation


def _in_scope_ids(ctx: Context) -> set[int] | None:
    from hicoop.parties.models import Party

    if not ctx.within:
        return None
    return set(Party.objects.filter(path__startswith=ctx.within).values_list("pk", flat=True))


@register("evaluation", lambda: _("Monitoring and evaluation"), 90)
def evaluation(ctx: Context) -> Section:
    from hicoop.evaluation import selectors as ev  # ImportError until evaluation has it

    title = _("Monitoring and evaluation")
    ids = _in_scope_ids(ctx)
    rows = [
        [r.rank, r.locality, float(r.score)]
        for r in ev.published_scores(user=ctx.user, year=ctx.year)
        if ids is None or r.locality_id in ids
    ]
    if not rows:
        return no_data("evaluation", title)
    columns = [("rank", _("rank")), ("locality", _("locality")), ("score", _("score"))]
    return Section(
        key="evaluation",
        title=title,
        available=True,
        tables=(table("scores", _("Published league table"), columns, rows),),
        charts=(
            chart(
                "scores",
                _("Scores of the localities"),
                "barh",
                [r[1] for r in rows],
                [(_("score"), [r[2] for r in rows])],
            ),
        ),
    )


@register("allocation", lambda: _("Allocation of central guidance funds"), 100)
def allocation(ctx: Context) -> Section:
    from hicoop.evaluation import selectors as ev

    title = _("Allocation of central guidance funds")
    ids = _in_scope_ids(ctx)
    rows = [
        [r.locality, r.score, float(r.wan)]
        for r in ev.adopted_allocation(user=ctx.user, year=ctx.year)
        if ids is None or r.locality_id in ids
    ]
    if not rows:
        return no_data("allocation", title)
    columns = [
        ("locality", _("locality")),
        ("score", _("score")),
        ("amount", _("allocation (10k yuan)")),
    ]
    return Section(
        key="allocation",
        title=title,
        available=True,
        figures=(figure("total", _("allocated (10k yuan)"), round(sum(r[2] for r in rows), 2)),),
        tables=(table("allocation", title, columns, rows),),
        charts=(
            chart(
                "allocation",
                _("Allocation by locality"),
                "pie",
                [r[0] for r in rows],
                [(_("allocation (10k yuan)"), [r[2] for r in rows])],
            ),
        ),
    )


@register("commendations", lambda: _("Commendations"), 110)
def commendations(ctx: Context) -> Section:
    from hicoop.evaluation import selectors as ev
    from hicoop.parties.models import Party

    title = _("Commendations")
    found = ev.commendation_list(user=ctx.user, year=ctx.year)
    if ctx.within:
        names = set(
            Party.objects.filter(path__startswith=ctx.within).values_list("name", flat=True)
        )
        found = [r for r in found if r.party in names]
    if not found:
        return no_data("commendations", title)
    columns = [("party", _("commended")), ("rule", _("for")), ("citation", _("citation"))]
    rows = [[r.party, r.rule, r.citation] for r in found]
    return Section(
        key="commendations",
        title=title,
        available=True,
        tables=(table("commendations", title, columns, rows),),
    )


# ------------------------------------------------------------------ network


@register("network", lambda: _("The cooperation network"), 120)
def cooperation_network(ctx: Context) -> Section:
    title = _("The cooperation network")
    graph = network.build(user=ctx.user, within=ctx.within, own_side=ctx.scope_kind == "region")
    if not graph.edges:
        return no_data("network", title)
    rows = [
        [e.source_label, e.target_label, e.items, e.pairings, e.transfers, e.measure_label]
        for e in graph.edges
    ]
    columns = [
        ("partner", _("partner side")),
        ("hainan", _("Hainan side")),
        ("items", _("items")),
        ("pairings", _("pairings")),
        ("transfers", _("transfers")),
        ("measure", _("main measure")),
    ]
    return Section(
        key="network",
        title=title,
        available=True,
        figures=(
            figure("nodes", _("parties in the network"), len(graph.nodes)),
            figure("edges", _("links"), len(graph.edges)),
        ),
        tables=(table("network", title, columns, rows),),
        charts=(
            chart(
                "network",
                title,
                "network",
                [n.label for n in graph.nodes],
                [],
                extra=graph.as_json(),
            ),
        ),
    )
