"""The mechanism loader keeps what people changed: it only creates what is missing."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.test import Client

from hicoop.cooperation.models import KeyTask, Pairing
from hicoop.cooperation.services.task_changes import retarget_task
from hicoop.core.audit import history_for
from hicoop.core.models import AuditAction, AuditEntry, WorkflowEvent
from hicoop.core.testing import party, user
from hicoop.parties.models import Party, RegionPriorityField, ZoneDesignation
from hicoop.parties.services import save_designation, set_priority_cell, update_party
from hicoop.taxonomy.models import Field, IndustryCode


def _rerun() -> str:
    out = StringIO()
    call_command("load_mechanism", stdout=out)
    return out.getvalue()


class TestLoaderKeepsUserEdits:
    def test_edits_survive_a_rerun_and_no_history_is_written(self, db):
        # given the joint office edits a matrix weight, a party description and a task deadline
        office = user("office")
        cell = RegionPriorityField.objects.select_related("region", "field").first()
        set_priority_cell(
            year=cell.year,
            region=cell.region,
            field=cell.field,
            weight=Decimal("0.42"),
            basis="联合办公室调整（测试）",
            actor=office,
        )
        shanghai = party("shanghai")
        update_party(
            party=shanghai,
            changes={"description": "技术指标：提取率≥85%，纯度≥95%；（益智仁）"},
            actor=office,
        )
        task = KeyTask.objects.order_by("number").first()
        retarget_task(task=task, actor=office, reason="推迟", deadline=dt.date(2031, 6, 30))
        audits, events = AuditEntry.objects.count(), WorkflowEvent.objects.count()
        # when the loader runs again
        output = _rerun()
        # then every edit is intact and the loader wrote no history rows
        cell.refresh_from_db()
        assert (cell.weight, cell.basis) == (Decimal("0.42"), "联合办公室调整（测试）")
        assert Party.objects.get(pk=shanghai.pk).description == (
            "技术指标：提取率≥85%，纯度≥95%；（益智仁）"
        )
        assert KeyTask.objects.get(pk=task.pk).deadline == dt.date(2031, 6, 30)
        assert (AuditEntry.objects.count(), WorkflowEvent.objects.count()) == (audits, events)
        assert "already up to date" in output

    def test_loader_history_names_the_loader(self, db):
        # the mechanism rows were written by the loader, audited under its name (not "system")
        entries = AuditEntry.objects.filter(object_id=str(party("shanghai").pk), actor__isnull=True)
        assert set(entries.values_list("actor_name", flat=True)) == {"system:loader"}


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


class TestLoaderWritesThroughServices:
    def test_each_kind_of_mechanism_row_was_created_by_the_loader_through_its_service(self, db):
        # given the loaded mechanism: a field, a designation, a party, a matrix cell, a pairing
        # and a key task; then each has exactly one creation entry, by the loader
        rows = [
            Field.objects.order_by("pk").first(),
            ZoneDesignation.objects.order_by("pk").first(),
            party("shanghai"),
            RegionPriorityField.objects.order_by("pk").first(),
            Pairing.objects.order_by("pk").first(),
            KeyTask.objects.order_by("pk").first(),
        ]
        for row in rows:
            created = history_for(row).filter(action=AuditAction.CREATE)
            assert list(created.values_list("actor_name", flat=True)) == ["system:loader"], row

    def test_a_second_run_creates_no_row_and_no_history(self, db):
        # given the loaded mechanism; when the loader runs again
        before = _row_counts()
        output = _rerun()
        # then no table has a new row and the command says so
        assert _row_counts() == before
        assert "Mechanism data already up to date." in output
        assert re.search(r"^parties\.Party: \+0 ~0 =\d+$", output, re.MULTILINE), output

    def test_a_designation_renamed_by_the_joint_office_keeps_its_name(self, db):
        # given the joint office renames a designation
        zone = ZoneDesignation.objects.order_by("pk").first()
        save_designation(designation=zone, values={"name": "改名后的试验区"}, actor=user("office"))
        # when the loader runs again, then the new name stays
        _rerun()
        assert ZoneDesignation.objects.get(pk=zone.pk).name == "改名后的试验区"


class TestReferenceAdminGoesThroughServices:
    def test_an_industry_change_in_the_admin_is_audited_and_survives_the_loader(self, db):
        # given the joint office changes a field's industries and name in the admin
        field = Field.objects.exclude(industries=None).order_by("pk").first()
        kept = IndustryCode.objects.exclude(pk__in=field.industries.all()).order_by("pk").first()
        office = Client()
        office.force_login(user("office"))
        response = office.post(
            f"/admin/taxonomy/field/{field.pk}/change/",
            {
                "code": field.code,
                "name": "生物医药（联合办公室命名）",
                "name_en": field.name_en,
                "kind": field.kind,
                "measure": field.measure_id or "",
                "parent": field.parent_id or "",
                "keywords": json.dumps(field.keywords, ensure_ascii=False),
                "sort_order": field.sort_order,
                "industries": [kept.pk],
            },
        )
        assert response.status_code == 302, response.content[:2000]
        entry = history_for(field).filter(actor=user("office")).get()
        assert set(entry.changes) == {"name", "industries"}
        # when the loader runs again, then the admin's values are intact
        _rerun()
        field.refresh_from_db()
        assert field.name == "生物医药（联合办公室命名）"
        assert list(field.industries.values_list("pk", flat=True)) == [kept.pk]
