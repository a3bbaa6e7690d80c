from __future__ import annotations

from typing import Any

import pytest

from hicoop.cooperation import selectors, services, versions
from hicoop.cooperation.choices import ItemStatus
from hicoop.cooperation.models import CooperationItem, ItemVersion, KeyTask, Pairing
from hicoop.cooperation.tests.factories import TODAY, item_data, make_item
from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from hicoop.core.models import WorkflowEvent as StatusEvent
from hicoop.core.testing import party, user

pytestmark = pytest.mark.django_db


class TestMechanismReference:
    def test_the_four_pairings_name_the_seeds_parks(self):
        by_key = {p.key: p for p in Pairing.objects.all()}
        assert set(by_key) == {"zhangjiang-haikou", "gdgx-agri", "prd-sz-yazhou", "tianfu-boao"}
        agri = by_key["gdgx-agri"]
        assert {p.name for p in agri.hainan_parks.all()} == {
            "儋州国家农业科技园区",
            "陵水国家农业科技园区",
            "三亚国家农业科技园区",
        }
        assert {p.name for p in agri.helpers.all()} == {
            "广东国家农业科技园区",
            "广西国家农业科技园区",
        }
        assert [p.name for p in by_key["tianfu-boao"].helpers.all()] == ["成都天府国际生物城"]

    def test_loading_again_changes_nothing(self):
        from hicoop.cooperation.mechanism import load_cooperation

        report = load_cooperation(actor=OPERATOR)
        assert not report.changed
        assert report.unchanged["cooperation.KeyTask"] == 12

    def test_twelve_key_tasks_each_with_a_most_department(self):
        tasks = list(KeyTask.objects.select_related("department"))
        assert [t.number for t in tasks] == list(range(1, 13))
        assert all(t.department.kind == "ministry_department" for t in tasks)
        assert "马里亚纳海沟" in tasks[6].title
        assert tasks[8].department.short_name == "外国专家服务司"


class TestCreateItem:
    def test_creates_version_one_and_event(self):
        item = make_item()
        assert item.number == "HZ2026-0001"
        assert item.status == ItemStatus.PROPOSED
        assert [v.number for v in item.versions.all()] == [1]
        assert item.versions.get().content["indicators"][1]["unit"] == "万元"
        assert StatusEvent.objects.filter(object_id=item.pk, action="create").exists()

    def test_reports_every_problem_and_writes_nothing(self):
        data = item_data(
            title="",
            measure=9,
            hainan_parties=["mechanism:shanghai"],
            partner_parties=["mechanism:haikou-hitech"],
            indicators=[{"kind": "funds", "target": "-1"}],
            milestones=[{"title": "", "due_on": "2026-13-01"}],
        )
        with pytest.raises(ValidationFailed) as caught:
            services.create_item(data=data, actor=OPERATOR, on=TODAY)
        assert {
            "title",
            "measure",
            "hainan_parties",
            "partner_parties",
            "indicators.1",
            "milestones.1",
        } <= set(caught.value.details)
        assert not CooperationItem.objects.exists()

    def test_a_partner_outside_the_actors_scope_is_refused(self):
        with pytest.raises(PermissionDenied):
            services.create_item(data=item_data(), actor=user("hunan"), on=TODAY)
        assert not CooperationItem.objects.exists()


class TestTransitions:
    def test_lifecycle_and_illegal_step_back(self):
        item = make_item(status_path=("agree", "start", "complete"))
        assert item.status == ItemStatus.COMPLETED and item.progress == 1.0
        events = StatusEvent.objects.filter(object_id=item.pk).count()
        with pytest.raises(services.TransitionNotAllowed) as caught:
            services.transition_item(item=item, to=ItemStatus.PROPOSED, actor=user("office"))
        assert caught.value.details["allowed"] == []
        assert "cannot change" in str(caught.value.message) or "不能" in str(caught.value.message)
        item.refresh_from_db()
        assert item.status == ItemStatus.COMPLETED
        assert StatusEvent.objects.filter(object_id=item.pk).count() == events

    def test_terminate_is_for_the_joint_office_and_needs_a_reason(self):
        item = make_item(status_path=("agree",))
        with pytest.raises(PermissionDenied):
            services.transition_item(
                item=item, action="terminate", actor=user("shanghai"), reason="x"
            )
        with pytest.raises(ValidationFailed):
            services.transition_item(item=item, action="terminate", actor=user("office"))
        services.transition_item(
            item=item, action="terminate", actor=user("office"), reason="合作方退出"
        )
        assert item.status == ItemStatus.TERMINATED


class TestReports:
    def test_partner_report_moves_progress_and_dashboard(self):
        item = make_item(status_path=("agree", "start"))
        before = selectors.dashboard(user=user("office"), on=TODAY).overall
        first = item.milestones.order_by("due_on").first()
        report = services.submit_item_report(
            item=item,
            actor=user("unit-shanghai"),
            on=TODAY,
            text="协议已签订，完成一项联合项目立项，投入 250 万元。",
            values={"joint_projects": "1", "funds": "250"},
            milestones_done=[first.pk],
        )
        item.refresh_from_db()
        # milestones 1/2 = 0.5, indicators (0.5 + 0.5) / 2 = 0.5
        assert item.progress == 0.5 == report.progress_after
        assert report.side == "partner" and report.reporter_party == party(
            "demo-unit-shanghai-ocean"
        )
        after = selectors.dashboard(user=user("office"), on=TODAY)
        assert after.overall > before
        assert any(b.label == "上海" and b.progress == 0.5 for b in after.by_region)

    def test_someone_outside_the_item_is_refused_and_nothing_changes(self):
        item = make_item(status_path=("agree", "start"))
        with pytest.raises(PermissionDenied):
            services.submit_item_report(
                item=item, actor=user("hunan"), on=TODAY, text="越权", values={"funds": "999"}
            )
        assert item.reports.count() == 0
        assert item.indicators.get(code="funds").actual == 0

    def test_bad_values_are_reported_together(self):
        item = make_item(status_path=("agree", "start"))
        with pytest.raises(ValidationFailed) as caught:
            services.submit_item_report(
                item=item,
                actor=user("unit-haikou"),
                on=TODAY,
                text="",
                as_of="2027-01-01",
                values={"nope": "1", "funds": "abc"},
                milestones_done=[999999],
            )
        assert {"text", "as_of", "values", "values.funds", "milestones_done"} <= set(
            caught.value.details
        )

    def test_a_proposed_item_takes_no_reports(self):
        item = make_item()
        with pytest.raises(Conflict):
            services.submit_item_report(item=item, actor=user("unit-haikou"), on=TODAY, text="x")


class TestAdjustment:
    def test_office_changes_next_years_target_and_versions_compare(self):
        item = make_item(status_path=("agree", "start"))
        version = services.adjust_item(
            item=item,
            data={
                "indicators": [
                    {"kind": "joint_projects", "target": "3"},
                    {"kind": "funds", "target": "800"},
                ]
            },
            actor=user("office"),
            year=2027,
            reason="2026年推进会决定扩大投入",
            decision_ref="2026年度合作机制推进会决定第2项",
        )
        assert version.number == 2 and version.year == 2027
        assert version.changes == {
            "indicators.funds.target": ["500", "800"],
            "indicators.joint_projects.target": ["2", "3"],
        }
        old = selectors.version_of(item, 1)
        diffs = versions.compare(old.content, versions.content_of(item))
        assert [(d.old, d.new) for d in diffs] == [("500", "800"), ("2", "3")]
        assert "投入资金" in diffs[0].label or "Funds" in diffs[0].label

    def test_nothing_changed_or_no_reason_is_refused(self):
        item = make_item()
        with pytest.raises(ValidationFailed):
            services.adjust_item(
                item=item, data={"title": item.title}, actor=OPERATOR, year=2026, reason="同"
            )
        with pytest.raises(ValidationFailed) as caught:
            services.adjust_item(
                item=item, data={"title": "新标题"}, actor=OPERATOR, year=2025, reason=" "
            )
        assert {"reason", "year"} <= set(caught.value.details)
        assert ItemVersion.objects.filter(item=item).count() == 1

    def test_a_completed_item_is_frozen(self):
        item = make_item(status_path=("agree", "start", "complete"))
        with pytest.raises(services.TransitionNotAllowed):
            services.adjust_item(
                item=item, data={"title": "x"}, actor=OPERATOR, year=2027, reason="r"
            )


class TestPairingRecords:
    def test_the_same_activity_twice_is_a_conflict(self):
        pairing = Pairing.objects.get(key="prd-sz-yazhou")
        data = {
            "held_on": "2026-05-01",
            "kind": "talent",
            "title": "青年人才赴崖州湾",
            "talents": "9",
        }
        services.add_activity(pairing=pairing, data=data, actor=user("office"))
        with pytest.raises(Conflict):
            services.add_activity(pairing=pairing, data=data, actor=user("office"))
        with pytest.raises(PermissionDenied):
            services.add_activity(pairing=pairing, data={**data, "title": "x"}, actor=user("hunan"))
        assert pairing.activities.count() == 1


class TestScope:
    def test_hunan_sees_and_edits_only_hunan_items(self):
        shanghai_item = make_item()
        hunan_item = make_item(partner_parties=["mechanism:hunan"], title="杂交水稻南繁育种合作")
        visible = set(CooperationItem.objects.visible_to(user("hunan")))
        assert visible == {hunan_item}
        assert set(CooperationItem.objects.editable_by(user("hunan"))) == {hunan_item}
        assert shanghai_item in CooperationItem.objects.visible_to(user("evaluator"))
        assert not CooperationItem.objects.editable_by(user("evaluator")).exists()
        assert not CooperationItem.objects.visible_to(None).exists()

    def test_ministry_officer_has_the_tasks_of_the_department(self):
        mine = selectors.task_list(user=user("ministry"), mine=True)
        assert [t.number for t in mine] == [4, 5]
        assert selectors.task_list(user=user("ministry")).count() == 12


class TestInbox:
    def test_overdue_milestones_and_missing_reports(self):
        item = make_item(status_path=("agree", "start"), report_every_days=30)
        later = TODAY.replace(year=2027)
        box = selectors.inbox(user=user("office"), on=later)
        assert {m.item_id for m in box["overdue"]} == {item.pk}
        assert item.pk in {
            m.record.pk for m in box["missing"] if isinstance(m.record, CooperationItem)
        }


def test_report_on_a_key_task_completes_milestones(db: Any) -> None:
    task = KeyTask.objects.get(number=4)
    services.plan_task_milestones(
        task=task,
        milestones=[
            {"title": "评估报告", "due_on": "2026-06-30"},
            {"title": "验收", "due_on": "2026-12-31"},
        ],
        actor=user("office"),
    )
    services.transition_task(task=task, action="start", actor=user("ministry"))
    first = task.milestones.first()
    services.submit_task_report(
        task=task, actor=user("ministry"), on=TODAY, text="完成评估", milestones_done=[first.pk]
    )
    task.refresh_from_db()
    assert task.progress == 0.5
    with pytest.raises(PermissionDenied):
        services.submit_task_report(task=task, actor=user("hunan"), on=TODAY, text="越权")
