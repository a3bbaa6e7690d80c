"""Cooperation items: create, adjust (versions), lifecycle, progress reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hicoop.accounts import roles
from hicoop.cooperation import versions
from hicoop.cooperation.choices import (
    DEFAULT_UNITS,
    IndicatorKind,
    ItemStatus,
    Origin,
    Side,
)
from hicoop.cooperation.models import (
    CooperationItem,
    Indicator,
    ItemParty,
    ItemVersion,
    Pairing,
    ProgressReport,
)
from hicoop.cooperation.services.common import (
    Errors,
    TransitionNotAllowed,
    _attach,
    _check_file,
    _check_report,
    _date,
    _decimal,
    _done_milestones,
    _int,
    _list,
    _milestones,
    _name,
    _record_event,
    _reporter,
    _transition,
    _user,
    _write_milestones,
)
from hicoop.cooperation.transitions import (
    ITEM_TRANSITIONS,
    OPEN_ITEM_STATUSES,
    REPORTING_ITEM_STATUSES,
)
from hicoop.core import audit
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.locks import serialize
from hicoop.core.models import AuditAction
from hicoop.core.scope import can_edit, require_edit
from hicoop.engine.progress import IndicatorState, MilestoneState, item_progress
from hicoop.listings.choices import CooperationMode
from hicoop.listings.models import Demand
from hicoop.listings.services import find_party
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, Measure

CONTENT_FIELDS = (
    "title",
    "goals",
    "hainan_lead",
    "hainan_lead_contact",
    "partner_lead",
    "partner_lead_contact",
)


def _hainan_path() -> str:
    hainan = Party.objects.filter(external_id=mechanism_key("hainan")).first()
    return hainan.path if hainan else "\0"


def _parties(errors: Errors, name: str, refs: Any, *, hainan: bool) -> list[Party]:
    found: list[Party] = []
    root = _hainan_path()
    for ref in _list(refs):
        party = find_party(ref)
        if party is None:
            errors.add(name, _("Unknown party: %(ref)s") % {"ref": ref})
        elif party.path.startswith(root) != hainan:
            message = (
                _("%(party)s is not in Hainan.")
                if hainan
                else _("%(party)s is in Hainan; partners come from outside.")
            )
            errors.add(name, message % {"party": party.name})
        elif party not in found:
            found.append(party)
    if not found and name not in errors.by_field:
        errors.add(name, _("Name at least one party."))
    return found


def _indicators(errors: Errors, rows: Any) -> list[dict[str, Any]]:
    parsed: list[dict[str, Any]] = []
    codes: set[str] = set()
    for n, row in enumerate(rows or [], start=1):
        name = f"indicators.{n}"
        kind = str(row.get("kind") or IndicatorKind.OTHER)
        if kind not in IndicatorKind.values:
            errors.add(name, _("Unknown indicator kind: %(kind)s") % {"kind": kind})
            continue
        code = str(row.get("code") or kind).strip()
        if code in codes:
            errors.add(name, _("Indicator code %(code)s is used twice.") % {"code": code})
        codes.add(code)
        label = str(row.get("name") or IndicatorKind(kind).label).strip()
        target = _decimal(errors, name, row.get("target", ""), positive=True)
        weight = _decimal(errors, name, row.get("weight", 1), positive=True)
        unit = str(
            row.get("unit") if row.get("unit") is not None else DEFAULT_UNITS[IndicatorKind(kind)]
        )
        parsed.append(
            {
                "code": code[:40],
                "kind": kind,
                "name": label[:100],
                "unit": unit[:20],
                "target": target,
                "weight": weight,
            }
        )
    return parsed


def clean_item(raw: Mapping[str, Any], *, partial: bool) -> tuple[dict[str, Any], Errors]:
    """Parse an item's content; collects every problem instead of stopping at the first."""
    errors = Errors()
    values: dict[str, Any] = {}
    required = ("title", "measure", "mode", "hainan_parties", "partner_parties")
    for name in required:
        if not partial and not raw.get(name):
            errors.add(name, _("This value is required."))
    known = {
        *CONTENT_FIELDS,
        *required,
        "fields",
        "weight",
        "pairing",
        "indicators",
        "milestones",
        "year",
        "report_every_days",
        "origin",
        "source_demand",
        "origin_note",
    }
    for name in sorted(set(raw) - known):
        errors.add(name, _("Unknown field."))
    for name in CONTENT_FIELDS:
        if name in raw:
            values[name] = str(raw[name] or "").strip()
    if "title" in values and not values["title"]:
        errors.add("title", _("This value is required."))
    if raw.get("measure"):
        values["measure"] = Measure.objects.filter(
            number=str(raw["measure"]).strip() if str(raw["measure"]).strip().isdigit() else 0
        ).first()
        if values["measure"] is None:
            errors.add("measure", _("The measure is a number from 1 to 5."))
    if raw.get("mode"):
        if raw["mode"] not in CooperationMode.values:
            errors.add("mode", _("Choose 一对一, 点对点 or 多对一."))
        values["mode"] = raw["mode"]
    if "fields" in raw:
        codes = [str(c) for c in _list(raw["fields"])]
        found = list(Field.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {f.code for f in found})
        if missing:
            errors.add("fields", _("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)})
        values["fields"] = found
    for name, hainan in (("hainan_parties", True), ("partner_parties", False)):
        if raw.get(name) or (name in raw and partial):
            values[name] = _parties(errors, name, raw[name], hainan=hainan)
    if raw.get("weight") not in (None, ""):
        values["weight"] = _decimal(errors, "weight", raw["weight"], positive=True)
    if raw.get("year") not in (None, ""):
        values["year"] = _int(errors, "year", raw["year"], 2020, 2100)
    if raw.get("report_every_days") not in (None, ""):
        values["report_every_days"] = _int(
            errors, "report_every_days", raw["report_every_days"], 7, 366
        )
    if "pairing" in raw:
        ref = str(raw["pairing"] or "").strip()
        pairing = (
            Pairing.objects.filter(
                models.Q(key=ref) | models.Q(pk=int(ref) if ref.isdigit() else 0)
            ).first()
            if ref
            else None
        )
        if ref and pairing is None:
            errors.add("pairing", _("Unknown park pairing: %(ref)s") % {"ref": ref})
        values["pairing"] = pairing
    if "indicators" in raw:
        values["indicators"] = _indicators(errors, raw["indicators"])
    if "milestones" in raw:
        values["milestones"] = _milestones(errors, raw["milestones"])
    if raw.get("origin"):
        if raw["origin"] not in Origin.values:
            errors.add("origin", _("Unknown origin."))
        values["origin"] = raw["origin"]
    if raw.get("source_demand"):
        values["source_demand"] = Demand.objects.filter(
            pk=_int(errors, "source_demand", raw["source_demand"], 1, 2**62) or 0
        ).first()
        if values["source_demand"] is None and "source_demand" not in errors.by_field:
            errors.add("source_demand", _("Unknown demand."))
    if "origin_note" in raw:
        values["origin_note"] = str(raw["origin_note"] or "")[:200]
    return values, errors


def _require_party_scope(actor: Any, parties: Iterable[Party]) -> None:
    if actor is None or roles.is_joint_office_admin(actor):
        return
    ids = [p.pk for p in parties]
    if not Party.objects.editable_by(actor).filter(pk__in=ids).exists():
        raise PermissionDenied(_("You may only add items that involve a party in your scope."))


def _next_number(year: int) -> str:
    serialize("cooperation.item.number")  # concurrent creations never take the same number
    prefix = f"HZ{year}-"
    last = CooperationItem.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def _write_sides(item: CooperationItem, values: Mapping[str, Any]) -> None:
    for name, side in (("hainan_parties", Side.HAINAN), ("partner_parties", Side.PARTNER)):
        if name not in values:
            continue
        wanted = {p.pk for p in values[name]}
        item.sides.filter(side=side).exclude(party_id__in=wanted).delete()
        present = set(item.sides.filter(side=side).values_list("party_id", flat=True))
        for party in values[name]:
            if party.pk not in present:
                ItemParty.objects.create(item=item, party=party, side=side)


def _check_sides(values: Mapping[str, Any], errors: Errors) -> None:
    both = {p.pk for p in values.get("hainan_parties", [])} & {
        p.pk for p in values.get("partner_parties", [])
    }
    if both:
        errors.add("partner_parties", _("A party cannot be on both sides."))


def _write_indicators(item: CooperationItem, rows: list[dict[str, Any]]) -> None:
    keep = [r["code"] for r in rows]
    item.indicators.exclude(code__in=keep).delete()
    for row in rows:
        fields = {k: row[k] for k in ("kind", "name", "unit", "target", "weight")}
        Indicator.objects.update_or_create(item=item, code=row["code"], defaults=fields)


def _write_item(item: CooperationItem, values: dict[str, Any], errors: Errors) -> None:
    plain = {
        k: v
        for k, v in values.items()
        if k not in {"fields", "hainan_parties", "partner_parties", "indicators", "milestones"}
    }
    for name, value in plain.items():
        setattr(item, name, value)
    item.save()
    if "fields" in values:
        item.fields.set(values["fields"])
    _write_sides(item, values)
    if "indicators" in values:
        _write_indicators(item, values["indicators"])
    if "milestones" in values:
        _write_milestones({"item": item}, item.milestones, values["milestones"], errors)


def recompute_item(item: CooperationItem) -> float:
    """Store the item's progress from its milestones and indicators."""
    progress = item_progress(
        [MilestoneState(float(m.weight), m.done_on is not None) for m in item.milestones.all()],
        [
            IndicatorState(float(i.target), float(i.actual), float(i.weight))
            for i in item.indicators.all()
        ],
        completed=item.status == ItemStatus.COMPLETED,
    ).value
    CooperationItem.objects.filter(pk=item.pk).update(progress=progress)
    item.progress = progress
    return progress


def _store_version(
    item: CooperationItem,
    *,
    year: int,
    before: dict[str, Any] | None,
    reason: str,
    decision_ref: str,
    actor: Any,
) -> ItemVersion:
    content = versions.content_of(item)
    diff = versions.changes(before, content) if before is not None else {}
    serialize(f"cooperation.item.{item.pk}.version")
    number = (item.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    CooperationItem.objects.filter(pk=item.pk).update(version=number)
    item.version = number
    return ItemVersion.objects.create(
        item=item,
        number=number,
        year=year,
        content=content,
        changes=diff,
        reason=reason,
        decision_ref=decision_ref,
        actor=_user(actor),
        actor_name=_name(actor),
    )


@transaction.atomic
def create_item(
    *, data: Mapping[str, Any], actor: Any, on: dt.date, status: str = ItemStatus.PROPOSED
) -> CooperationItem:
    """Propose an item between a Hainan side and a partner side; its content becomes version 1."""
    values, errors = clean_item(data, partial=False)
    _check_sides(values, errors)
    errors.raise_if_any()
    _require_party_scope(actor, [*values["hainan_parties"], *values["partner_parties"]])
    values.setdefault("year", on.year)
    item = CooperationItem(
        number=_next_number(values["year"]),
        status=status,
        status_changed_at=timezone.now(),
        created_by=_user(actor),
    )
    _write_item(item, values, errors)
    recompute_item(item)
    audit.record(instance=item, actor=actor, action=AuditAction.CREATE)
    _store_version(
        item, year=item.year, before=None, reason=_("Created"), decision_ref="", actor=actor
    )
    _record_event(item, "create", "", item.status, actor, "")
    return item


@transaction.atomic
def adjust_item(
    *,
    item: CooperationItem,
    data: Mapping[str, Any],
    actor: Any,
    year: int,
    reason: str,
    decision_ref: str = "",
) -> ItemVersion:
    """Change an item's content for ``year`` (动态调整合作内容) and keep the previous version."""
    require_edit(item, actor)
    if item.status not in OPEN_ITEM_STATUSES:
        raise TransitionNotAllowed(_("A completed or terminated item can no longer be adjusted."))
    values, errors = clean_item(data, partial=True)
    if not reason.strip():
        errors.add("reason", _("Please give a reason."))
    if year < item.year:
        errors.add(
            "year",
            _("A version cannot apply before the item's start year (%(year)s).")
            % {"year": item.year},
        )
    for name in ("origin", "source_demand", "origin_note", "year"):
        values.pop(name, None)
    merged = {
        "hainan_parties": values.get("hainan_parties", item.hainan_parties),
        "partner_parties": values.get("partner_parties", item.partner_parties),
    }
    _check_sides(merged, errors)
    errors.raise_if_any()
    if "hainan_parties" in values or "partner_parties" in values:
        _require_party_scope(actor, [*merged["hainan_parties"], *merged["partner_parties"]])
    before_content = versions.content_of(item)
    before = audit.snapshot(item)
    _write_item(item, values, errors)
    if versions.content_of(item) == before_content:
        raise ValidationFailed(
            details={
                "__all__": [_("Nothing changed: the content is the same as the current version.")]
            }
        )
    recompute_item(item)
    audit.record(
        instance=item, actor=actor, action=AuditAction.UPDATE, before=before, reason=reason
    )
    return _store_version(
        item,
        year=year,
        before=before_content,
        reason=reason.strip(),
        decision_ref=decision_ref.strip(),
        actor=actor,
    )


@transaction.atomic
def attach_decision(*, version: ItemVersion, decision_ref: str, actor: Any) -> ItemVersion:
    """Name the decision (e.g. of the annual promotion meeting) behind an existing version."""
    require_edit(version.item, actor)
    if not roles.is_joint_office_admin(actor) and actor is not None:
        raise PermissionDenied(_("Only the joint office records decisions."))
    if not decision_ref.strip():
        raise ValidationFailed(details={"decision_ref": [_("This value is required.")]})
    version.decision_ref = decision_ref.strip()[:200]
    version.save(update_fields=["decision_ref"])
    return version


@transaction.atomic
def transition_item(
    *, item: CooperationItem, actor: Any, action: str = "", to: str = "", reason: str = ""
) -> CooperationItem:
    """Move an item along its lifecycle (agree, start, complete, suspend, resume, terminate)."""
    transition = _transition(
        ITEM_TRANSITIONS, item, action=action, to=to, actor=actor, reason=reason, labels=ItemStatus
    )
    before = item.status
    item.status, item.status_changed_at = transition.target, timezone.now()
    item.save(update_fields=["status", "status_changed_at", "updated_at"])
    recompute_item(item)
    _record_event(item, transition.action, before, item.status, actor, reason.strip())
    return item


def _report_values(
    errors: Errors, item: CooperationItem, values: Mapping[str, Any]
) -> dict[str, Decimal]:
    codes = {i.code: i for i in item.indicators.all()}
    parsed: dict[str, Decimal] = {}
    for code, raw in values.items():
        if raw in (None, ""):
            continue
        if code not in codes:
            errors.add("values", _("Unknown indicator: %(code)s") % {"code": code})
            continue
        number = _decimal(errors, f"values.{code}", raw)
        if number is not None:
            parsed[code] = number
    return parsed


@transaction.atomic
def submit_item_report(
    *,
    item: CooperationItem,
    actor: Any,
    on: dt.date,
    text: str,
    as_of: Any = None,
    values: Mapping[str, Any] | None = None,
    milestones_done: Iterable[Any] = (),
    files: Sequence[Any] = (),
) -> ProgressReport:
    """A periodic report by either side: text, cumulative indicator values, milestones done, files."""
    if actor is not None and not can_edit(item, actor):
        raise PermissionDenied(
            _("Only the parties of this item (or the joint office) may report on it.")
        )
    if item.status not in REPORTING_ITEM_STATUSES:
        raise Conflict(
            _(
                "Reports are taken while an item is agreed, in progress or suspended; it is %(status)s."
            )
            % {"status": ItemStatus(item.status).label}
        )
    errors = Errors()
    when = _date(errors, "as_of", as_of) if as_of else on
    _check_report(errors, as_of=when, text=text, on=on)
    numbers = _report_values(errors, item, values or {})
    done = _done_milestones(errors, item.milestones, milestones_done)
    for upload in files:
        _check_file(errors, upload)
    errors.raise_if_any()
    assert when is not None
    for code, number in numbers.items():
        item.indicators.filter(code=code).update(actual=number)
    for milestone in done:
        milestone.done_on = when
        milestone.save(update_fields=["done_on"])
    progress = recompute_item(item)
    party, side = _reporter(
        item, actor, [(s.party, s.side) for s in item.sides.select_related("party")]
    )
    report = ProgressReport.objects.create(
        item=item,
        reporter_party=party,
        side=side,
        as_of=when,
        text=text.strip(),
        values={k: str(v) for k, v in numbers.items()},
        milestones_done=[m.pk for m in done],
        progress_after=progress,
        submitted_by=_user(actor),
        submitted_name=_name(actor),
    )
    _attach(report, files, actor)
    CooperationItem.objects.filter(pk=item.pk).update(updated_at=timezone.now())
    return report
