"""Taking a report's figures, storing them, and asking for its files (a job, ADR 0045)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.core.actors import SystemActor, stored_name, user_of
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.jobs.services import enqueue
from hicoop.core.models import Job
from hicoop.engine.progress import PROGRESS_FORMULA
from hicoop.parties.choices import PartyKind
from hicoop.parties.models import Party
from hicoop.reports import (
    providers,  # noqa: F401  (registers the sections)
    sections,
)
from hicoop.reports.choices import Language, ReportStatus, ScopeKind
from hicoop.reports.models import Report
from hicoop.reports.snapshot import SNAPSHOT_VERSION, Snapshot

MIN_YEAR, MAX_YEAR = 2020, 2100
FORMULA_VERSIONS = {
    "snapshot": SNAPSHOT_VERSION,
    "progress": PROGRESS_FORMULA,
    "figures": "cooperation.selectors.dashboard",
}


class _SystemReader:
    """How a system actor (the command line, the scheduler) reads: everything."""

    is_authenticated = True
    is_superuser = True
    is_active = True
    pk = None


def reader_for(actor: Any) -> Any:
    return _SystemReader() if isinstance(actor, SystemActor) else actor


def scope_of(party: Party | None) -> str:
    if party is None:
        return ScopeKind.MECHANISM
    return ScopeKind.PARK if party.kind == PartyKind.PARK else ScopeKind.REGION


def check_request(*, actor: Any, year: int, party: Party | None, language: str) -> None:
    """Refuse a year out of range, an unknown language or a scope outside the actor's own."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(details={"year": [year_message()]})
    if language not in Language.values:
        raise ValidationFailed(details={"language": [_("Choose Chinese or English.")]})
    if party is not None and party.kind not in (PartyKind.REGION, PartyKind.PARK):
        raise ValidationFailed(details={"scope": [_("A report covers a region or a park.")]})
    if not may_report_on(actor, party):
        raise PermissionDenied(_("You may only report on your own region or park."))


def year_message() -> str:
    return _("Give a year from %(a)d to %(b)d.") % {"a": MIN_YEAR, "b": MAX_YEAR}


def may_report_on(actor: Any, party: Party | None) -> bool:
    if isinstance(actor, SystemActor) or roles.reads_everything(actor):
        return True
    if party is None:
        return False
    return any(party.path.startswith(p) for p in roles.subtree_paths(actor))


def take_snapshot(
    *, actor: Any, year: int, party: Party | None, on: dt.date, language: str = Language.ZH
) -> Snapshot:
    """Every figure of the report for ``year`` and the scope, frozen (read with actor's scope)."""
    check_request(actor=actor, year=year, party=party, language=language)
    with translation.override(language):
        ctx = sections.Context(
            user=reader_for(actor),
            year=year,
            on=on,
            within=party.path if party else "",
            scope_kind=scope_of(party),
        )
        return Snapshot(
            year=year,
            scope_kind=ctx.scope_kind,
            scope_label=party.display_name if party else str(ScopeKind.MECHANISM.label),
            scope_path=ctx.within,
            language=language,
            taken_at=timezone.now().isoformat(timespec="seconds"),
            formula_versions=dict(FORMULA_VERSIONS),
            sections=sections.build(ctx),
        )


@transaction.atomic
def create_report(
    *, actor: Any, year: int, party: Party | None, on: dt.date, language: str = Language.ZH
) -> Report:
    """Take the figures and store them as a report (files are made from the stored figures)."""
    snap = take_snapshot(actor=actor, year=year, party=party, on=on, language=language)
    return Report.objects.create(
        year=year,
        scope_kind=snap.scope_kind,
        scope_party=party,
        language=language,
        snapshot=snap.to_json(),
        formula_versions=snap.formula_versions,
        taken_at=dt.datetime.fromisoformat(snap.taken_at),
        created_by=user_of(actor),
        created_by_name=stored_name(actor),
    )


@transaction.atomic
def record_files(*, report: Report, files: list[str]) -> Report:
    Report.objects.filter(pk=report.pk).update(files=files, status=ReportStatus.READY)
    report.refresh_from_db()
    return report


def start_annual(
    *,
    actor: Any,
    year: int,
    party: Party | None = None,
    language: str = Language.ZH,
    out_dir: str = "",
) -> Job:
    """Ask for the annual report as a job (figures, charts, DOCX, PDF, XLSX)."""
    check_request(actor=actor, year=year, party=party, language=language)
    params = {"year": year, "party": party.pk if party else None, "language": language}
    if out_dir:
        params["out"] = out_dir
    return enqueue(kind="reports.annual", params=params, actor=actor, target=party)
