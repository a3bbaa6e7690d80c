"""Writes to the parties registry. Every function is one transaction and records an audit entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hicoop.core import audit
from hicoop.core.access import party_roles as roles
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed, validation_details
from hicoop.core.loading import LoadReport, model_changes, typed, unedited_changes
from hicoop.core.models import AuditAction
from hicoop.core.phone import check_phone
from hicoop.core.text import as_typed
from hicoop.core.text import nfkc as _nfkc
from hicoop.parties import uscc
from hicoop.parties.choices import (
    ALLOWED_PARENT_KINDS,
    SUBTYPES_BY_KIND,
    TOP_LEVEL_ALLOWED,
    PartyKind,
)
from hicoop.parties.models import Party, RegionPriorityField, ZoneDesignation
from hicoop.taxonomy.models import Division, Field

HAINAN_DIVISION_PREFIX = "46"


@dataclass(frozen=True)
class PartyData:
    """Input for creating or changing a party; references are given by id or code."""

    name: str
    kind: str
    name_en: str = ""
    short_name: str = ""
    subtype: str = ""
    parent_id: int | None = None
    division_code: str = ""
    credit_code: str = ""
    field_codes: tuple[str, ...] = ()
    designation_codes: tuple[str, ...] = ()
    description: str = ""
    description_en: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    website: str = ""
    is_active: bool = True
    external_id: str = ""

    @classmethod
    def from_party(cls, party: Party) -> PartyData:
        return cls(
            name=party.name,
            kind=party.kind,
            name_en=party.name_en,
            short_name=party.short_name,
            subtype=party.subtype,
            parent_id=party.parent_id,
            division_code=party.division.code if party.division else "",
            credit_code=party.credit_code,
            field_codes=tuple(sorted(party.fields.values_list("code", flat=True))),
            designation_codes=tuple(sorted(party.designations.values_list("code", flat=True))),
            description=party.description,
            description_en=party.description_en,
            contact_person=party.contact_person,
            contact_phone=party.contact_phone,
            contact_email=party.contact_email,
            website=party.website,
            is_active=party.is_active,
            external_id=party.external_id,
        )

    def with_changes(self, changes: dict[str, Any]) -> PartyData:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValidationFailed(details={k: [_("Unknown field.")] for k in unknown})
        return replace(self, **changes)


class _Checker:
    """Collects every problem with a ``PartyData`` so the user sees them all at once."""

    def __init__(self, data: PartyData, instance: Party | None) -> None:
        self.data = data
        self.instance = instance
        self.errors: dict[str, list[str]] = {}
        self.parent: Party | None = None
        self.division: Division | None = None
        self.fields: list[Field] = []
        self.designations: list[ZoneDesignation] = []

    def add(self, name: str, message: Any) -> None:
        self.errors.setdefault(name, []).append(str(message))

    def run(self) -> _Checker:
        self._name()
        self._kind_and_subtype()
        self._parent()
        self._division()
        self._credit_code()
        self._phone()
        self._fields()
        self._designations()
        return self

    def _name(self) -> None:
        if not self.data.name:
            self.add("name", _("A Chinese name is required."))
            return
        clash = Party.objects.filter(name=self.data.name)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add("name", _("A party with this name already exists."))

    def _kind_and_subtype(self) -> None:
        if self.data.kind not in PartyKind.values:
            self.add("kind", _("Unknown party kind."))
            return
        allowed = SUBTYPES_BY_KIND.get(self.data.kind, ())
        if self.data.subtype and self.data.subtype not in allowed:
            self.add("subtype", _("This subtype does not fit the chosen kind."))

    def _parent(self) -> None:
        if self.data.parent_id is None:
            if self.data.kind in PartyKind.values and self.data.kind not in TOP_LEVEL_ALLOWED:
                self.add("parent", _("A party of this kind needs a parent."))
            return
        self.parent = Party.objects.filter(pk=self.data.parent_id).first()
        if self.parent is None:
            self.add("parent", _("Unknown parent."))
            return
        allowed = ALLOWED_PARENT_KINDS.get(self.data.kind, ())
        if self.data.kind in PartyKind.values and self.parent.kind not in allowed:
            self.add("parent", _("A party of this kind cannot be placed under that parent."))
        if (
            self.instance is not None
            and self.instance.path
            and (self.parent.path.startswith(self.instance.path))
        ):
            self.add("parent", _("A party cannot be placed under itself or its descendants."))

    def _division(self) -> None:
        code = self.data.division_code
        if not code:
            return
        if not (len(code) == 6 and code.isdigit()):
            self.add("division_code", _("A division code has six digits (GB/T 2260)."))
            return
        self.division = Division.objects.filter(code=code).first()
        if self.division is None:
            self.add("division_code", _("Unknown administrative division code."))

    def _credit_code(self) -> None:
        code = self.data.credit_code
        if not code:
            return
        reason = uscc.problem(code)
        messages = {
            "length": _("A unified social credit code has exactly 18 characters."),
            "characters": _(
                "A unified social credit code uses digits and capital letters except I, O, S, "
                "V and Z."
            ),
            "checksum": _(
                "The check character of this unified social credit code is wrong (GB 32100-2015)."
            ),
        }
        if reason:
            self.add("credit_code", messages[reason])
            return
        clash = Party.objects.filter(credit_code=code)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            self.add("credit_code", _("Another party already has this credit code."))

    def _phone(self) -> None:
        try:
            check_phone(self.data.contact_phone)
        except ValueError as exc:
            self.add("contact_phone", exc)

    def _fields(self) -> None:
        wanted = set(self.data.field_codes)
        self.fields = list(Field.objects.filter(code__in=wanted))
        missing = sorted(wanted - {f.code for f in self.fields})
        if missing:
            self.add("fields", _("Unknown field codes: %(codes)s") % {"codes": ", ".join(missing)})

    def _designations(self) -> None:
        wanted = set(self.data.designation_codes)
        if not wanted:
            return
        self.designations = list(ZoneDesignation.objects.filter(code__in=wanted))
        missing = sorted(wanted - {d.code for d in self.designations})
        if missing:
            self.add(
                "designations",
                _("Unknown zone designations: %(codes)s") % {"codes": ", ".join(missing)},
            )
        if self.data.kind != PartyKind.PARK or not self._in_hainan():
            self.add("designations", _("Zone designations apply only to parks in Hainan."))

    def _in_hainan(self) -> bool:
        if self.division is not None and self.division.code.startswith(HAINAN_DIVISION_PREFIX):
            return True
        node = self.parent
        while node is not None:
            if (
                node.division_id
                and node.division
                and node.division.code.startswith(HAINAN_DIVISION_PREFIX)
            ):
                return True
            node = node.parent
        return False


def _normalised(data: PartyData) -> PartyData:
    return replace(
        data,
        name=as_typed(data.name),
        name_en=as_typed(data.name_en),
        short_name=as_typed(data.short_name),
        division_code=_nfkc(data.division_code),
        credit_code=uscc.normalise(data.credit_code) if data.credit_code else "",
        description=as_typed(data.description),
        description_en=as_typed(data.description_en),
        contact_person=as_typed(data.contact_person),
        contact_phone=as_typed(data.contact_phone),
        contact_email=_nfkc(data.contact_email),
        website=(data.website or "").strip(),
        external_id=(data.external_id or "").strip(),
    )


def _apply(party: Party, data: PartyData, check: _Checker) -> None:
    simple = (
        "name",
        "name_en",
        "short_name",
        "kind",
        "subtype",
        "credit_code",
        "description",
        "description_en",
        "contact_person",
        "contact_phone",
        "contact_email",
        "website",
        "is_active",
        "external_id",
    )
    for name in simple:
        setattr(party, name, getattr(data, name))
    party.parent = check.parent
    party.division = check.division
    try:
        party.full_clean(exclude=["path", "parent", "division"], validate_unique=False)
    except DjangoValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc


def refresh_path(party: Party) -> None:
    prefix = party.parent.path if party.parent else "/"
    new_path = f"{prefix}{party.pk}/"
    old_path = party.path
    if new_path == old_path:
        return
    party.path = new_path
    Party.objects.filter(pk=party.pk).update(path=new_path)
    if old_path:
        for child in Party.objects.filter(path__startswith=old_path).exclude(pk=party.pk):
            Party.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])


def _require_can_edit(actor: Actor, party: Party | None) -> None:
    """A system actor (loader, command line, demo) may; users are checked by scope."""
    if is_system(actor):
        return
    if party is None:
        if not roles.is_joint_office_admin(actor):
            raise PermissionDenied(_("Only the joint office can add a top-level party."))
        return
    if not Party.objects.editable_by(actor).filter(pk=party.pk).exists():
        raise PermissionDenied(_("This party is outside your scope."))


@transaction.atomic
def create_party(*, data: PartyData, actor: Actor) -> Party:
    """Create a party under a parent the actor may edit."""
    data = _normalised(data)
    check = _Checker(data, None).run()
    if check.errors:
        raise ValidationFailed(details=check.errors)
    _require_can_edit(actor, check.parent)
    party = Party()
    _apply(party, data, check)
    party.save()
    refresh_path(party)
    party.fields.set(check.fields)
    party.designations.set(check.designations)
    audit.record(instance=party, actor=actor, action=AuditAction.CREATE)
    return party


@transaction.atomic
def update_party(*, party: Party, changes: dict[str, Any], actor: Actor, reason: str = "") -> Party:
    """Change some attributes of a party the actor may edit (moving it needs the new parent too)."""
    _require_can_edit(actor, party)
    before = audit.snapshot(party)
    data = _normalised(PartyData.from_party(party).with_changes(changes))
    check = _Checker(data, party).run()
    if check.errors:
        raise ValidationFailed(details=check.errors)
    _require_scope_above(actor, party, data, check.parent)
    _apply(party, data, check)
    party.save()
    refresh_path(party)
    party.fields.set(check.fields)
    party.designations.set(check.designations)
    audit.record(
        instance=party, actor=actor, action=AuditAction.UPDATE, before=before, reason=reason
    )
    return party


def _require_scope_above(
    actor: Actor, party: Party, data: PartyData, new_parent: Party | None
) -> None:
    """Moving a party, changing its kind, or renaming one's own region, park or office is decided
    above it (issue 11): the scope of the old place and of the new one are both needed; a
    top-level place is the joint office's."""
    moved = (new_parent.pk if new_parent is not None else None) != party.parent_id
    retyped = data.kind != party.kind
    renamed_own = (
        not is_system(actor)
        and data.name != party.name
        and party.kind != PartyKind.UNIT
        and party.pk in roles.own_party_ids(actor)
    )
    if not (moved or retyped or renamed_own):
        return
    try:
        _require_can_edit(actor, party.parent)
        if moved:
            _require_can_edit(actor, new_parent)
    except PermissionDenied as exc:
        raise PermissionDenied(
            _(
                "Moving this party, changing its kind or renaming your own organisation needs "
                "the scope of the place above it."
            )
        ) from exc


@transaction.atomic
def delete_party(*, party: Party, actor: Actor, reason: str = "") -> None:
    """Delete a party with no children and no members; otherwise say why not."""
    _require_can_edit(actor, party)
    if party.children.exists():
        raise Conflict(_("This party still has child parties; move or delete them first."))
    if party.memberships.exists():
        raise Conflict(_("This party still has members; deactivate it instead."))
    if party.pk in roles.own_party_ids(actor):
        raise PermissionDenied(_("You cannot delete the party you belong to."))
    before = audit.snapshot(party)
    pk = party.pk
    party.delete()
    party.pk = pk
    audit.record(
        instance=party, actor=actor, action=AuditAction.DELETE, before=before, reason=reason
    )


@transaction.atomic
def set_priority_cell(
    *, year: int, region: Party, field: Field, weight: Any, basis: str, actor: Actor
) -> RegionPriorityField:
    """Create or change one cell of the key-region × priority-field matrix of ``year``."""
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office edits the priority matrix."))
    if region.kind != PartyKind.REGION:
        raise ValidationFailed(details={"region": [str(_("Choose a region."))]})
    cell = RegionPriorityField.objects.filter(year=year, region=region, field=field).first()
    before = audit.snapshot(cell) if cell else None
    cell = cell or RegionPriorityField(year=year, region=region, field=field)
    cell.weight, cell.basis = weight, as_typed(basis)
    try:
        cell.full_clean(validate_unique=False)
    except DjangoValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc
    cell.save()
    action = AuditAction.UPDATE if before is not None else AuditAction.CREATE
    audit.record(instance=cell, actor=actor, action=action, before=before)
    return cell


def adopt_demo_credit_code(*, party: Party, code: str, actor: Actor) -> None:
    """Give a demo unit an older demo stored with a real division's code the demo's reserved
    code (division ``uscc.DEMO_DIVISION``), unless a person set the code by hand since."""
    if not code or party.credit_code == code or uscc.is_demo(party.credit_code):
        return
    if "credit_code" in audit.user_edited_fields(party):
        return
    update_party(party=party, changes={"credit_code": code}, actor=actor, reason="演示数据")


@transaction.atomic
def delete_priority_cell(*, cell: RegionPriorityField, actor: Actor) -> None:
    """Remove one cell of the matrix (joint office only), audited."""
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office edits the priority matrix."))
    before, pk = audit.snapshot(cell), cell.pk
    cell.delete()
    cell.pk = pk
    audit.record(instance=cell, actor=actor, action=AuditAction.DELETE, before=before)


@transaction.atomic
def copy_priority_matrix(*, from_year: int, to_year: int, actor: Actor) -> int:
    """Start ``to_year``'s matrix as a copy of ``from_year``'s; cells already there are kept."""
    cells = list(
        RegionPriorityField.objects.filter(year=from_year).select_related("region", "field")
    )
    if not cells:
        raise ValidationFailed(details={"from_year": [str(_("That year has no matrix."))]})
    copied = 0
    for cell in cells:
        if RegionPriorityField.objects.filter(
            year=to_year, region=cell.region, field=cell.field
        ).exists():
            continue
        set_priority_cell(
            year=to_year,
            region=cell.region,
            field=cell.field,
            weight=cell.weight,
            basis=cell.basis,
            actor=actor,
        )
        copied += 1
    return copied


# PartyData names of the loader's values → the model fields a person's edit is recorded under.
PARTY_FIELDS = {
    "parent_id": "parent",
    "division_code": "division",
    "field_codes": "fields",
    "designation_codes": "designations",
}


@transaction.atomic
def ensure_party(
    *, external_id: str, values: Mapping[str, Any], actor: Actor, report: LoadReport
) -> Party:
    """The party with ``external_id``, created from ``values`` (``PartyData`` names) if missing;
    otherwise only the values nobody edited by hand since are brought to ``values``, through
    :func:`update_party`. A second run with the same values writes nothing."""
    party = Party.objects.filter(external_id=external_id).first()
    if party is None:
        party = create_party(data=PartyData(external_id=external_id, **values), actor=actor)
        report.tally(Party, created=True, changed=True)
        return party
    current = PartyData.from_party(party)
    wanted = asdict(_normalised(current.with_changes(dict(values))))
    wanted = {
        k: tuple(sorted(v)) if k in PARTY_FIELDS and k.endswith("codes") else v
        for k, v in wanted.items()
        if k in values
    }
    changes = unedited_changes(party, wanted, asdict(current), field_names=PARTY_FIELDS)
    if changes:
        update_party(party=party, changes=changes, actor=actor)
    report.tally(Party, created=False, changed=bool(changes))
    return party


@transaction.atomic
def ensure_priority_cell(
    *,
    year: int,
    region: Party,
    field: Field,
    weight: Any,
    basis: str,
    actor: Actor,
    report: LoadReport,
) -> RegionPriorityField:
    """One matrix cell, created if missing; a weight or basis the joint office edited stays."""
    cell = RegionPriorityField.objects.filter(year=year, region=region, field=field).first()
    wanted = typed({"weight": weight, "basis": basis})
    if cell is None:
        report.tally(RegionPriorityField, created=True, changed=True)
        return set_priority_cell(year=year, region=region, field=field, actor=actor, **wanted)
    changes = model_changes(cell, wanted)
    if changes:
        values = {"weight": cell.weight, "basis": cell.basis, **changes}
        cell = set_priority_cell(year=year, region=region, field=field, actor=actor, **values)
    report.tally(RegionPriorityField, created=False, changed=bool(changes))
    return cell


@transaction.atomic
def save_designation(
    *, designation: ZoneDesignation, values: Mapping[str, Any], actor: Actor
) -> ZoneDesignation:
    """Create or rename a zone designation (joint office), validated and audited."""
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office edits zone designations."))
    before = audit.snapshot(designation) if designation.pk else None
    for name, value in typed(values).items():
        setattr(designation, name, value)
    try:
        designation.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed(details=validation_details(exc)) from exc
    designation.save()
    action = AuditAction.CREATE if before is None else AuditAction.UPDATE
    audit.record(instance=designation, actor=actor, action=action, before=before)
    return designation


@transaction.atomic
def delete_designation(*, designation: ZoneDesignation, actor: Actor) -> None:
    """Remove a zone designation no park carries any more (joint office), audited."""
    if not is_system(actor) and not roles.is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office edits zone designations."))
    if designation.parties.exists():
        raise Conflict(_("Parks still carry this designation; remove it from them first."))
    before, pk = audit.snapshot(designation), designation.pk
    designation.delete()
    designation.pk = pk
    audit.record(instance=designation, actor=actor, action=AuditAction.DELETE, before=before)


def ensure_designation(
    *, code: str, values: Mapping[str, Any], actor: Actor, report: LoadReport
) -> ZoneDesignation:
    """The designation ``code``, created if missing; a name a person changed stays."""
    designation = ZoneDesignation.objects.filter(code=code).first()
    if designation is None:
        designation = save_designation(
            designation=ZoneDesignation(code=code), values=values, actor=actor
        )
        report.tally(ZoneDesignation, created=True, changed=True)
        return designation
    changes = model_changes(designation, typed(values))
    if changes:
        save_designation(designation=designation, values=changes, actor=actor)
    report.tally(ZoneDesignation, created=False, changed=bool(changes))
    return designation
