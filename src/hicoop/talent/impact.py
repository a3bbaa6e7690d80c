"""Impact preview: which current permits and stored pre-checks a version would decide differently
from the version it replaces, grouped by employer and by industry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hicoop.engine import worklist
from hicoop.talent.choices import PermitStatus
from hicoop.talent.models import ListVersion, Permit, PreCheck
from hicoop.talent.rules import industry_ancestry, rules_of
from hicoop.talent.selectors import in_force
from hicoop.taxonomy.models import IndustryCode

Tick = Callable[[int, int], None]


def _ancestry(cache: dict[int, tuple[str, ...]], industry: IndustryCode) -> tuple[str, ...]:
    if industry.pk not in cache:
        cache[industry.pk] = industry_ancestry(industry)
    return cache[industry.pk]


def _group(
    rows: list[dict[str, Any]], key: str, kind: str, into: dict[str, dict[str, Any]]
) -> None:
    for row in rows:
        slot = into.setdefault(
            row[key], {key: row[key], "name": row[f"{key}_name"], "permits": 0, "prechecks": 0}
        )
        slot[kind] += 1
        if row.get("employer_id") and key == "uscc":
            slot["employer_id"] = row["employer_id"]


def preview(version: ListVersion, tick: Tick | None = None) -> dict[str, Any]:
    """Every valid permit and stored pre-check whose decision changes under ``version``."""
    baseline = in_force(version.effective_from)
    if baseline is not None and baseline.pk == version.pk:
        baseline = None
    old_rules = rules_of(baseline) if baseline else []
    new_rules = rules_of(version)
    cache: dict[int, tuple[str, ...]] = {}

    def change(industry: IndustryCode, occupation: str, kind: str) -> tuple[str, str]:
        position = worklist.Position(_ancestry(cache, industry), occupation, kind)
        before = worklist.decide(old_rules, position, trace=False).decision
        return before, worklist.decide(new_rules, position, trace=False).decision

    permits = list(
        Permit.objects.filter(status=PermitStatus.VALID, valid_to__gte=version.effective_from)
        .select_related("industry", "industry__parent", "industry__parent__parent")
        .order_by("employer_uscc", "number", "pk")
    )
    checks = list(
        PreCheck.objects.select_related("industry", "industry__parent", "employer").order_by("pk")
    )
    total = len(permits) + len(checks)
    permit_rows, check_rows = [], []
    for i, permit in enumerate(permits):
        before, after = change(permit.industry, permit.occupation, permit.position_kind)
        if before != after:
            permit_rows.append(
                {
                    "id": permit.pk,
                    "number": permit.number,
                    "uscc": permit.employer_uscc,
                    "uscc_name": permit.employer_name,
                    "employer_id": permit.employer_id,
                    "code": permit.industry.code,
                    "code_name": permit.industry.display_name,
                    "from": before,
                    "to": after,
                }
            )
        if tick:
            tick(i + 1, total)
    for j, check in enumerate(checks):
        before, after = change(check.industry, check.occupation, check.position_kind)
        if before != after:
            check_rows.append(
                {
                    "id": check.pk,
                    "uscc": check.employer_uscc,
                    "uscc_name": check.employer.name if check.employer else check.employer_uscc,
                    "employer_id": check.employer_id,
                    "code": check.industry.code,
                    "code_name": check.industry.display_name,
                    "from": before,
                    "to": after,
                }
            )
        if tick:
            tick(len(permits) + j + 1, total)
    by_employer: dict[str, dict[str, Any]] = {}
    by_industry: dict[str, dict[str, Any]] = {}
    _group(permit_rows, "uscc", "permits", by_employer)
    _group(check_rows, "uscc", "prechecks", by_employer)
    _group(permit_rows, "code", "permits", by_industry)
    _group(check_rows, "code", "prechecks", by_industry)
    return {
        "version": version.pk,
        "version_number": version.number,
        "baseline": baseline.number if baseline else "",
        "permits": permit_rows,
        "prechecks": check_rows,
        "by_employer": sorted(by_employer.values(), key=lambda r: r["uscc"]),
        "by_industry": sorted(by_industry.values(), key=lambda r: r["code"]),
        "counts": {
            "permits_examined": len(permits),
            "prechecks_examined": len(checks),
            "permits_changed": len(permit_rows),
            "prechecks_changed": len(check_rows),
        },
    }


def affected_employers(result: dict[str, Any]) -> list[int]:
    """Ids of the employers (parties) with a permit or pre-check that changes."""
    ids = {
        r["employer_id"] for r in result["permits"] + result["prechecks"] if r.get("employer_id")
    }
    return sorted(ids)
