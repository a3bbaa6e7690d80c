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
from hicoop.cooperation.services.agreement import agree_item, reset_agreements
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
    _reporter,
    _transition,
    _user,
    _write_milestones,
)
from hicoop.cooperation.transitions import (
    ITEM_WORKFLOW,
    OPEN_ITEM_STATUSES,
    REPORTING_ITEM_STATUSES,
)
from hicoop.core import audit, inputs
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.inputs import Attr
from hicoop.core.locks import serialize
from hicoop.core.models import AuditAction
from hicoop.core.scope import can_edit, require_edit
from hicoop.core.workflow import record_event
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


# The item's own values, declared once (core.inputs): text kept as typed, ranges for numbers.
ITEM_ATTRS = (
    Attr("title", "标题", "Title", "text", max_length=200),
    Attr("goals", "合作目标", "Goals", "longtext"),
    Attr("hainan_lead", "海南方负责人", "Responsible person (Hainan)", "text", max_length=100),
    Attr("hainan_lead_contact", "海南方联系方式", "Contact (Hainan)", "text", max_length=100),
    Attr("partner_lead", "合作方负责人", "Responsible person (partner)", "text", max_length=100),
    Attr("partner_lead_contact", "合作方联系方式", "Contact (partner)", "text", max_length=100),
    Attr("mode", "合作模式", "Mode", "choice", choices=CooperationMode),
    Attr("origin", "来源", "Origin", "choice", choices=Origin),
    Attr("origin_note", "来源说明", "Origin note", "text", max_length=200),
    Attr("weight", "权重", "Weight", "decimal", min_value=Decimal("0.01"), max_value=Decimal(1000)),
    Attr("year", "年度", "Year", "int", min_value=2020, max_value=2100),
    Attr(
        "report_every_days",
        "报告周期（天）",
        "Report every (days)",
        "int",
        min_value=7,
        max_value=366,
    ),
)
_ATTRS = {a.name: a for a in ITEM_ATTRS}
_RELATIONS = (
    "measure",
    "fields",
    "hainan_parties",
    "partner_parties",
    "pairing",
    "indicators",
    "milestones",
    "source_demand",
)
_REQUIRED = ("title", "measure", "mode", "hainan_parties", "partner_parties")
# Left out when blank (a blank number or choice means "not given", not "clear it").
_SKIP_BLANK = frozenset({"mode", "origin", "weight", "year", "report_every_days"})


def _clean_values(raw: Mapping[str, Any], values: dict[str, Any], errors: Errors) -> None:
    for name, attr in _ATTRS.items():
        if name not in raw or (name in _SKIP_BLANK and raw[name] in (None, "")):
            continue
        try:
            values[name] = inputs.parse(attr, raw[name])
        except inputs.ParseError as exc:
            errors.add(name, str(exc))
    if "title" in values and not values["title"]:
        errors.add("title", _("This value is required."))


def _clean_measure_and_fields(
    raw: Mapping[str, Any], values: dict[str, Any], errors: Errors
) -> None:
    if raw.get("measure"):
        ref = str(raw["measure"]).strip()
        values["measure"] = Measure.objects.filter(number=ref if ref.isdigit() else 0).first()
        if values["measure"] is None:
            errors.add("measure", _("The measure is a number from 1 to 5."))
    if "fields" in raw:
        codes = [str(c) for c in _list(raw["fields"])]
        found = list(Field.objects.filter(code__in=codes))
        missing = sorted(set(codes) - {f.code for f in found})
        if missing:
            errors.add("fields", _("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)})
        values["fields"] = found


def _clean_pairing(ref: str, values: dict[str, Any], errors: Errors) -> None:
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


def _clean_relations(
    raw: Mapping[str, Any], values: dict[str, Any], errors: Errors, partial: bool
) -> None:
    _clean_measure_and_fields(raw, values, errors)
    for name, hainan in (("hainan_parties", True), ("partner_parties", False)):
        if raw.get(name) or (name in raw and partial):
            values[name] = _parties(errors, name, raw[name], hainan=hainan)
    if "pairing" in raw:
        _clean_pairing(str(raw["pairing"] or "").strip(), values, errors)
    if "indicators" in raw:
        values["indicators"] = _indicators(errors, raw["indicators"])
    if "milestones" in raw:
        values["milestones"] = _milestones(errors, raw["milestones"])
    if raw.get("source_demand"):
        values["source_demand"] = Demand.objects.filter(
            pk=_int(errors, "source_demand", raw["source_demand"], 1, 2**62) or 0
        ).first()
        if values["source_demand"] is None and "source_demand" not in errors.by_field:
            errors.add("source_demand", _("Unknown demand."))


def clean_item(raw: Mapping[str, Any], *, partial: bool) -> tuple[dict[str, Any], Errors]:
    """Parse an item's content; collects every problem instead of stopping at the first."""
    errors = Errors()
    values: dict[str, Any] = {}
    for name in _REQUIRED:
        if not partial and not raw.get(name):
            errors.add(name, _("This value is required."))
    for name in sorted(set(raw) - set(_ATTRS) - set(_RELATIONS)):
        errors.add(name, _("Unknown field."))
    _clean_values(raw, values, errors)
    _clean_relations(raw, values, errors, partial)
    return values, errors


def _require_party_scope(actor: Actor, parties: Iterable[Party]) -> None:
    if is_system(actor) or roles.is_joint_office_admin(actor):
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
    actor: Actor,
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
    *,
    data: Mapping[str, Any],
    actor: Actor,
    on: dt.date,
    trusted: bool = False,
) -> CooperationItem:
    """Propose an item between a Hainan side and a partner side; its content becomes version 1.

    It starts proposed: it is agreed by both sides (``agree_item``), never on creation.

    ``trusted``: a later app's service already checked the actor (a partner accepting an
    interest); the item is still created by and attributed to that actor.
    """
    values, errors = clean_item(data, partial=False)
    _check_sides(values, errors)
    errors.raise_if_any()
    if not trusted:
        _require_party_scope(actor, [*values["hainan_parties"], *values["partner_parties"]])
    values.setdefault("year", on.year)
    item = CooperationItem(
        number=_next_number(values["year"]),
        status=ItemStatus.PROPOSED,
        status_changed_at=timezone.now(),
        created_by=_user(actor),
    )
    _write_item(item, values, errors)
    recompute_item(item)
    audit.record(instance=item, actor=actor, action=AuditAction.CREATE)
    _store_version(
        item, year=item.year, before=None, reason=_("Created"), decision_ref="", actor=actor
    )
    record_event(item, "create", actor=actor, workflow=ITEM_WORKFLOW, from_status="")
    return item


@transaction.atomic
def adjust_item(
    *,
    item: CooperationItem,
    data: Mapping[str, Any],
    actor: Actor,
    year: int,
    reason: str,
    decision_ref: str = "",
    trusted: bool = False,
) -> ItemVersion:
    """Change an item's content for ``year`` (动态调整合作内容) and keep the previous version."""
    if not trusted:
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
    if not trusted and ("hainan_parties" in values or "partner_parties" in values):
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
    reset_agreements(item)
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
def attach_decision(*, version: ItemVersion, decision_ref: str, actor: Actor) -> ItemVersion:
    """Name the decision (e.g. of the annual promotion meeting) behind an existing version."""
    require_edit(version.item, actor)
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office records decisions."))
    if not decision_ref.strip():
        raise ValidationFailed(details={"decision_ref": [_("This value is required.")]})
    version.decision_ref = decision_ref.strip()[:200]
    version.save(update_fields=["decision_ref"])
    return version


@transaction.atomic
def transition_item(
    *,
    item: CooperationItem,
    actor: Actor,
    action: str = "",
    to: str = "",
    reason: str = "",
    trusted: bool = False,
) -> CooperationItem:
    """Move an item along its lifecycle (agree, start, complete, suspend, resume, terminate).

    Agreeing records the actor's side's agreement (``services.agreement``); the item becomes
    agreed once both sides (or the joint office on their behalf, with a reason) agreed.
    """
    agreeing = action == "agree" or (not action and to == ItemStatus.AGREED)
    if agreeing and item.status == ItemStatus.PROPOSED:
        return agree_item(item=item, actor=actor, reason=reason, trusted=trusted)
    _transition(
        ITEM_WORKFLOW, item, action=action, to=to, actor=actor, reason=reason, trusted=trusted
    )
    recompute_item(item)
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
    actor: Actor,
    on: dt.date,
    text: str,
    as_of: Any = None,
    values: Mapping[str, Any] | None = None,
    milestones_done: Iterable[Any] = (),
    files: Sequence[Any] = (),
) -> ProgressReport:
    """A periodic report by either side: text, cumulative indicator values, milestones done, files."""
    if not is_system(actor) and not can_edit(item, actor):
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
