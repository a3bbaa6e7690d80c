"""Party services: validation, scope checks, tree paths and the audit trail."""

from __future__ import annotations

import pytest

from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import AuditEntry
from hicoop.core.testing import party, user
from hicoop.parties.models import Party
from hicoop.parties.services import PartyData, create_party, delete_party, update_party

pytestmark = pytest.mark.django_db


def unit_data(**overrides: object) -> PartyData:
    values: dict = {
        "name": "海南热科种业有限公司",
        "kind": "unit",
        "subtype": "enterprise",
        "parent_id": party("sanya-agri").pk,
        "division_code": "460200",
        "credit_code": "91460200MA5TDEM02X",
        "field_codes": ("tropical-agriculture",),
    }
    values.update(overrides)
    return PartyData(**values)


class TestCreateParty:
    def test_creates_unit_with_path_fields_and_audit(self) -> None:
        # Given a park manager's colleague in the joint office
        office = user("office")
        # When a unit is created under a Sanya park
        created = create_party(data=unit_data(), actor=office)
        # Then it sits under the park in the tree, with its fields and a create entry
        park = party("sanya-agri")
        assert created.path == f"{park.path}{created.pk}/"
        assert list(created.fields.values_list("code", flat=True)) == ["tropical-agriculture"]
        entry = AuditEntry.objects.get(object_id=str(created.pk), action="create")
        assert entry.actor == office
        assert entry.changes["name"] == [None, "海南热科种业有限公司"]

    def test_wrong_credit_code_is_refused_and_nothing_is_written(self) -> None:
        before = Party.objects.count()
        with pytest.raises(ValidationFailed) as err:
            create_party(data=unit_data(credit_code="91460200MA5TDEM02K"), actor=user("office"))
        assert "credit_code" in err.value.details
        assert Party.objects.count() == before

    def test_every_problem_is_reported_at_once(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            create_party(
                data=unit_data(
                    name="海南省",
                    parent_id=999999,
                    division_code="999999",
                    field_codes=("no-such-field",),
                ),
                actor=user("office"),
            )
        assert set(err.value.details) == {"name", "parent", "division_code", "fields"}

    def test_parent_kind_must_fit(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            create_party(data=unit_data(kind="region", subtype="province"), actor=user("office"))
        assert "parent" in err.value.details

    def test_designations_only_for_hainan_parks(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            create_party(
                data=PartyData(
                    name="某外省园区",
                    kind="park",
                    parent_id=party("hunan").pk,
                    designation_codes=("intl-cooperation-trial-zone",),
                ),
                actor=user("office"),
            )
        assert "designations" in err.value.details

    def test_region_coordinator_may_add_only_inside_their_region(self) -> None:
        shanghai = user("shanghai")
        inside = create_party(
            data=PartyData(
                name="上海某大学", kind="unit", subtype="university", parent_id=party("shanghai").pk
            ),
            actor=shanghai,
        )
        assert inside.parent == party("shanghai")
        with pytest.raises(PermissionDenied):
            create_party(data=unit_data(credit_code=""), actor=shanghai)

    def test_only_joint_office_adds_top_level(self) -> None:
        with pytest.raises(PermissionDenied):
            create_party(
                data=PartyData(name="天津市", kind="region", subtype="municipality"),
                actor=user("shanghai"),
            )


class TestUpdateParty:
    def test_records_field_level_change(self) -> None:
        park = party("haikou-hitech")
        update_party(
            party=park,
            changes={"contact_phone": "0898-12345678"},
            actor=user("haikou-park"),
            reason="新联系人",
        )
        entry = AuditEntry.objects.filter(object_id=str(park.pk), action="update").first()
        assert entry is not None
        assert entry.changes == {"contact_phone": ["", "0898-12345678"]}
        assert entry.reason == "新联系人"

    def test_no_change_records_nothing(self) -> None:
        park = party("haikou-hitech")
        before = AuditEntry.objects.count()
        update_party(party=park, changes={"name": park.name}, actor=user("office"))
        assert AuditEntry.objects.count() == before

    def test_moving_a_subtree_rewrites_descendant_paths(self) -> None:
        unit = party("demo-unit-haikou-bio")
        update_party(
            party=party("haikou-hitech"),
            changes={"parent_id": party("hainan").pk},
            actor=user("office"),
        )
        unit.refresh_from_db()
        assert unit.path.startswith(party("hainan").path)
        assert party("haikou").path not in unit.path

    def test_cannot_move_under_own_descendant(self) -> None:
        with pytest.raises(ValidationFailed) as err:
            update_party(
                party=party("haikou"),
                changes={"parent_id": party("haikou-hitech").pk},
                actor=user("office"),
            )
        assert "parent" in err.value.details

    def test_out_of_scope_edit_is_refused(self) -> None:
        with pytest.raises(PermissionDenied):
            update_party(party=party("hunan"), changes={"short_name": "湘"}, actor=user("shanghai"))
        assert party("hunan").short_name == "湖南"

    def test_unknown_field_is_refused(self) -> None:
        with pytest.raises(ValidationFailed):
            update_party(party=party("hunan"), changes={"colour": "red"}, actor=user("office"))


class TestDeleteParty:
    def test_party_with_children_cannot_be_deleted(self) -> None:
        with pytest.raises(Conflict):
            delete_party(party=party("hainan"), actor=user("office"))
        assert Party.objects.filter(pk=party("hainan").pk).exists()

    def test_leaf_is_deleted_and_history_kept(self) -> None:
        leaf = create_party(data=unit_data(), actor=user("office"))
        pk = leaf.pk
        delete_party(party=leaf, actor=user("office"), reason="重复录入")
        assert not Party.objects.filter(pk=pk).exists()
        assert AuditEntry.objects.filter(object_id=str(pk), action="delete").exists()

    def test_party_with_members_cannot_be_deleted(self) -> None:
        with pytest.raises(Conflict):
            delete_party(party=party("demo-unit-haikou-bio"), actor=user("office"))


class TestPriorityMatrix:
    def test_copy_year_then_change_a_weight_with_audit(self) -> None:
        from decimal import Decimal

        from hicoop.parties.models import RegionPriorityField
        from hicoop.parties.services import copy_priority_matrix, set_priority_cell
        from hicoop.taxonomy.models import Field

        assert copy_priority_matrix(from_year=2021, to_year=2026, actor=user("office")) == 16
        assert copy_priority_matrix(from_year=2021, to_year=2026, actor=user("office")) == 0
        cell = set_priority_cell(
            year=2026,
            region=party("hunan"),
            field=Field.objects.get(code="new-materials"),
            weight=Decimal("1.50"),
            basis="推进会决定加强",
            actor=user("office"),
        )
        assert cell.weight == Decimal("1.50")
        assert RegionPriorityField.objects.get(
            year=2021, region=party("hunan"), field=cell.field
        ).weight == Decimal("1.00")
        assert AuditEntry.objects.filter(object_id=str(cell.pk), action="update").exists()

    def test_only_joint_office_and_valid_weights(self) -> None:
        from hicoop.parties.services import copy_priority_matrix, set_priority_cell
        from hicoop.taxonomy.models import Field

        field = Field.objects.get(code="biomedicine")
        with pytest.raises(PermissionDenied):
            set_priority_cell(
                year=2026,
                region=party("sichuan"),
                field=field,
                weight=2,
                basis="",
                actor=user("shanghai"),
            )
        with pytest.raises(ValidationFailed):
            set_priority_cell(
                year=2026,
                region=party("sichuan"),
                field=field,
                weight=99,
                basis="",
                actor=user("office"),
            )
        with pytest.raises(ValidationFailed):
            copy_priority_matrix(from_year=1999, to_year=2026, actor=OPERATOR)
