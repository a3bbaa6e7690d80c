"""The mechanism loader keeps what people changed: it only creates what is missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from hicoop.cooperation.models import KeyTask
from hicoop.cooperation.services.task_changes import retarget_task
from hicoop.core.models import AuditEntry, WorkflowEvent
from hicoop.core.testing import party, user
from hicoop.parties.models import Party, RegionPriorityField
from hicoop.parties.services import set_priority_cell, update_party


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
