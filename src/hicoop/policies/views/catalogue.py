"""Public pages: search with facets, a policy with its versions and clauses, one clause, a diff."""

from __future__ import annotations

import itertools
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hicoop.core.export import Column, download
from hicoop.core.pages import or_404
from hicoop.core.paging import paginate
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party, ZoneDesignation
from hicoop.policies import diffing, selectors
from hicoop.policies.choices import EntityKind, PolicyCategory, PolicyLevel, PolicyStatus
from hicoop.policies.exceptions import UnknownClause
from hicoop.policies.roles import is_editor
from hicoop.policies.search import highlight
from hicoop.policies.services import spreadsheet
from hicoop.policies.transitions import POLICY_WORKFLOW
from hicoop.policies.views.common import date_param, int_param
from hicoop.taxonomy.models import Field

PAGE_SIZE = 20
EXPORT_COLUMNS = [
    Column("标题", "title"),
    Column("文号", "document number"),
    Column("发布机关", "issuer"),
    Column("层级", "level"),
    Column("层级代码", "level_code", "level code"),
    Column("类别", "category"),
    Column("类别代码", "category_code", "category code"),
    Column("状态", "status"),
    Column("状态代码", "status_code", "status code"),
    Column("优惠摘要", "benefit summary"),
]


def _filters(request: HttpRequest) -> selectors.PolicyFilters:
    g = request.GET
    return selectors.PolicyFilters(
        q=g.get("q", "")[:200],
        on=date_param(request, "on", None),
        category=g.get("category", "") if g.get("category") in PolicyCategory.values else "",
        level=g.get("level", "") if g.get("level") in PolicyLevel.values else "",
        issuer=int_param(request, "issuer"),
        zone=g.get("zone", "")[:60],
        park=int_param(request, "park"),
        field=g.get("field", "")[:60],
        status=g.get("status", "") if g.get("status") in PolicyStatus.values else "",
    )


def policy_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    result = selectors.search(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        policies = selectors.page_policies(result.ids, {})
        rows = [
            (
                p.title,
                p.doc_number,
                p.issuer_name,
                p.get_level_display(),
                p.level,
                p.get_category_display(),
                p.category,
                p.get_status_display(),
                p.status,
                p.benefit_summary,
            )
            for p in policies
        ]
        return download("xlsx", EXPORT_COLUMNS, rows, "policies")
    page, query = paginate(request, result.ids, PAGE_SIZE)
    policies = selectors.page_policies(list(page.object_list), result.hits)
    words = list(result.query.terms) if result.query else []
    for policy in policies:
        policy.title_html = highlight(policy.display_title, words)
        policy.hit_rows = [(c, highlight(c.text, m, 400)) for c, m in policy.hits]
    counts = selectors.facet_counts(user=request.user, filters=filters)
    context = {
        "page": page,
        "query": query,
        "policies": policies,
        "filters": filters,
        "on_text": request.GET.get("on", ""),
        "category_facets": _facets(counts["category"], PolicyCategory.choices),
        "level_facets": _facets(counts["level"], PolicyLevel.choices),
        "categories": PolicyCategory.choices,
        "levels": PolicyLevel.choices,
        "statuses": PolicyStatus.choices,
        "issuers": selectors.issuers(user=request.user),
        "zones": ZoneDesignation.objects.all(),
        "parks": Party.objects.filter(kind=PartyKind.PARK, is_active=True),
        "fields": Field.objects.all(),
        "can_edit": is_editor(request.user),
    }
    return render(request, "policies/list.html", context)


def _facets(counts: dict[str, int], choices: Any) -> list[tuple[str, str, int]]:
    return [(code, str(label), counts[code]) for code, label in choices if counts.get(code)]


def _version(request: HttpRequest, policy: Any) -> Any:
    number = int_param(request, "v")
    if number is not None:
        return or_404(selectors.version_of, policy=policy, number=number)
    on = date_param(request, "on", None) or timezone.localdate()
    return selectors.version_on(policy, on) or policy.versions.order_by("-effective_from").first()


def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    version = _version(request, policy)
    versions = list(policy.versions.order_by("effective_from", "pk"))
    for before, after in itertools.pairwise(versions):
        after.prev_number = before.number
    editor = is_editor(request.user)
    actions = POLICY_WORKFLOW.actions_from(policy.status) if editor else []
    context = {
        "policy": policy,
        "version": version,
        "versions": versions,
        "tree": selectors.clause_tree(version) if version else [],
        "benefits": set(policy.benefit_clauses or []),
        "entity_labels": [
            str(EntityKind(k).label) for k in policy.entity_kinds if k in EntityKind.values
        ],
        "can_edit": editor,
        "actions": [a.action for a in actions],
        "others": _successors(request, policy) if editor else [],
        "citation_count": policy.citations.count() if editor else 0,
        "today": timezone.localdate(),
    }
    return render(request, "policies/detail.html", context)


def _successors(request: HttpRequest, policy: Any) -> Any:
    everyone = selectors.filtered(user=request.user, filters=selectors.PolicyFilters())
    return everyone.exclude(pk=policy.pk).exclude(status=PolicyStatus.DRAFT).only("pk", "title")


def clause_detail(request: HttpRequest, pk: int, address: str) -> HttpResponse:
    """``/policies/12/clauses/第十五条/`` — one clause, addressable and citable."""
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    version = _version(request, policy)
    if version is None:
        raise Http404()
    try:
        clause = selectors.clause_at(version=version, address=address)
    except UnknownClause as exc:
        raise Http404(str(exc.message)) from exc
    paragraphs = list(clause.children.order_by("ordinal"))
    context = {"policy": policy, "version": version, "clause": clause, "paragraphs": paragraphs}
    return render(request, "policies/clause.html", context)


def version_diff(request: HttpRequest, pk: int, old: int, new: int) -> HttpResponse:
    policy = or_404(selectors.policy_detail, user=request.user, pk=pk)
    a = or_404(selectors.version_of, policy=policy, number=old)
    b = or_404(selectors.version_of, policy=policy, number=new)
    changes = selectors.compare_versions(a, b)
    show_all = request.GET.get("all") == "1"
    context = {
        "policy": policy,
        "old": a,
        "new": b,
        "changes": changes if show_all else [c for c in changes if c.status != "unchanged"],
        "counts": diffing.summary(changes),
        "show_all": show_all,
    }
    return render(request, "policies/diff.html", context)


def import_template(request: HttpRequest) -> HttpResponse:
    """The catalogue-entry import template (codes sheet and dropdowns, ADR 0051); for editors."""
    if not is_editor(request.user):
        raise PermissionDenied()
    response = HttpResponse(
        spreadsheet.template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="policies-template.xlsx"'
    return response
