from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from hicoop.cooperation import services
from hicoop.cooperation.choices import ItemStatus
from hicoop.cooperation.models import CooperationItem, KeyTask, Pairing
from hicoop.cooperation.tests.factories import item_data, make_item, milestone_rows
from hicoop.core.actors import OPERATOR
from hicoop.core.testing import api_client, user

pytestmark = pytest.mark.django_db


def login(name: str) -> Client:
    client = Client()
    client.force_login(user(name))
    return client


class TestPages:
    def test_every_page_renders_for_the_joint_office(self):
        item = make_item(status_path=("agree", "start"))
        client = login("office")
        pairing = Pairing.objects.get(key="zhangjiang-haikou")
        task = KeyTask.objects.get(number=7)
        for url in (
            "/cooperation/",
            "/cooperation/inbox/",
            "/cooperation/items/",
            "/cooperation/items/new/",
            f"/cooperation/items/{item.pk}/",
            f"/cooperation/items/{item.pk}/adjust/",
            f"/cooperation/items/{item.pk}/versions/",
            "/cooperation/tasks/",
            f"/cooperation/tasks/{task.pk}/",
            "/cooperation/pairings/",
            f"/cooperation/pairings/{pairing.pk}/",
        ):
            assert client.get(url).status_code == 200, url

    def test_ministry_officer_starts_from_their_tasks(self):
        page = login("ministry").get("/cooperation/tasks/")
        assert [t.number for t in page.context["tasks"]] == [4, 5]
        assert len(login("ministry").get("/cooperation/tasks/?q=").context["tasks"]) == 12

    def test_item_list_query_count_does_not_grow_with_items(self, django_assert_max_num_queries):
        for n in range(5):
            make_item(title=f"合作事项{n}")
        client = login("office")
        with django_assert_max_num_queries(12):
            assert client.get("/cooperation/items/").status_code == 200

    def test_anonymous_visitors_are_sent_to_log_in(self):
        assert Client().get("/cooperation/items/").status_code == 302

    def test_hunan_cannot_open_a_shanghai_item(self):
        item = make_item()
        assert login("hunan").get(f"/cooperation/items/{item.pk}/").status_code == 404

    def test_create_from_the_form(self):
        response = login("shanghai").post(
            "/cooperation/items/new/",
            {
                "title": "张江—海口 创新药联合开发",
                "measure": "4",
                "mode": "point_to_point",
                "fields_": ["biomedicine"],
                "hainan_parties__q": "海口国家高新技术产业开发区",
                "partner_parties__q": "上海张江国家高新技术产业开发区",
                "pairing": "zhangjiang-haikou",
                "target_joint_projects": "2",
                **milestone_rows([{"title": "完成临床前研究", "due_on": "2027-06-30"}]),
            },
        )
        item = CooperationItem.objects.get(title="张江—海口 创新药联合开发")
        assert response.status_code == 302
        assert item.pairing.key == "zhangjiang-haikou"
        assert item.indicators.get().target == 2
        assert item.milestones.get().title == "完成临床前研究"

    def test_form_errors_are_shown_and_nothing_is_written(self):
        response = login("shanghai").post(
            "/cooperation/items/new/",
            {
                "title": "",
                "measure": "1",
                **milestone_rows([{"title": "某事", "due_on": "明年"}]),
                "partner_parties__q": "不存在的单位",
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert 'value="不存在的单位"' in body and 'value="某事"' in body
        assert not CooperationItem.objects.exists()

    def test_report_through_the_page_moves_progress(self):
        item = make_item(status_path=("agree", "start"))
        milestone = item.milestones.order_by("due_on").first()
        response = login("unit-shanghai").post(
            f"/cooperation/items/{item.pk}/report/",
            {
                "as_of": "2026-11-01",
                "text": "协议签订",
                "value_funds": "500",
                "milestones_done": [milestone.pk],
            },
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.progress == 0.5  # milestones 1/2, indicators (0 + 1) / 2

    def test_task_status_from_the_page(self):
        task = KeyTask.objects.get(number=4)
        assert login("hunan").post(f"/cooperation/tasks/{task.pk}/do/start/").status_code == 404
        login("ministry").post(f"/cooperation/tasks/{task.pk}/do/suspend/", {"reason": ""})
        task.refresh_from_db()
        assert task.status == "planned"  # a suspension needs a reason
        assert login("ministry").post(f"/cooperation/tasks/{task.pk}/do/start/").status_code == 302
        task.refresh_from_db()
        assert task.status == "in_progress"

    def test_task_report_from_the_page(self):
        task = KeyTask.objects.get(number=5)
        services.plan_task_milestones(
            task=task, milestones=[{"title": "中期评估", "due_on": "2026-06-30"}], actor=OPERATOR
        )
        services.transition_task(task=task, action="start", actor=OPERATOR)
        milestone = task.milestones.get()
        client = login("ministry")
        response = client.post(
            f"/cooperation/tasks/{task.pk}/report/",
            {"as_of": "2026-07-01", "text": "完成中期评估", "milestones_done": [milestone.pk]},
        )
        assert response.status_code == 302
        task.refresh_from_db()
        assert task.progress == 1.0 and task.reports.get().submitted_name == "ministry"
        bad = client.post(
            f"/cooperation/tasks/{task.pk}/report/", {"as_of": "", "text": ""}, follow=True
        )
        assert bad.status_code == 200 and task.reports.count() == 1

    def test_adjust_and_compare_versions(self):
        item = make_item(status_path=("agree",))
        client = login("office")
        form = client.get(f"/cooperation/items/{item.pk}/adjust/").context["form"]
        data = {k: v for k, v in form.initial.items() if v not in (None, [])}
        data.update(
            {
                "target_funds": "900",
                "year": "2027",
                "reason": "推进会调整投入",
                "decision_ref": "第2项",
            }
        )
        data["fields_"] = form.initial["fields_"]
        data.update(milestone_rows(form.milestone_rows.initial))
        assert client.post(f"/cooperation/items/{item.pk}/adjust/", data).status_code == 302
        page = client.get(f"/cooperation/items/{item.pk}/versions/?a=1").content.decode()
        assert "900" in page and "500" in page and "推进会调整投入" in page

    def test_illegal_transition_from_the_page_shows_an_error(self):
        item = make_item(status_path=("agree", "start", "complete"))
        response = login("office").post(f"/cooperation/items/{item.pk}/do/agree/", follow=True)
        # the error names the step by its label (商定 = "agree"; pages show no internal codes)
        assert "商定" in response.content.decode().split('id="timeline"')[0]
        item.refresh_from_db()
        assert item.status == ItemStatus.COMPLETED

    def test_export_items_as_xlsx(self):
        make_item()
        response = login("office").get("/cooperation/items/?export=xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["A1"].value == "编号" and sheet["B3"].value == "深远海养殖装备联合研制"

    def test_pairing_activity_from_the_page(self):
        pairing = Pairing.objects.get(key="prd-sz-yazhou")
        response = login("office").post(
            f"/cooperation/pairings/{pairing.pk}/",
            {
                "what": "activity",
                "held_on": "2026-07-01",
                "kind": "talent",
                "title": "青年人才赴崖州湾",
                "talents": "12",
            },
        )
        assert response.status_code == 302
        assert pairing.activities.get().talents == 12


class TestApi:
    def test_create_list_and_scope(self):
        created = api_client("office").post("/api/v1/items/", item_data(), format="json")
        assert created.status_code == 201, created.json()
        assert api_client("office").get("/api/v1/items/").json()["count"] == 1
        assert api_client("hunan").get("/api/v1/items/").json()["count"] == 0
        assert api_client("hunan").get(f"/api/v1/items/{created.json()['id']}/").status_code == 404
        assert api_client().get("/api/v1/items/").status_code in (401, 403)

    def test_validation_errors_by_field(self):
        response = api_client("office").post("/api/v1/items/", {"title": "x"}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "validation_error" and "partner_parties" in body["details"]

    def test_illegal_transition_is_409_and_changes_nothing(self):
        item = make_item(status_path=("agree", "start", "complete"))
        response = api_client("office").post(
            f"/api/v1/items/{item.pk}/transition/", {"to": "proposed"}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["code"] == "transition_not_allowed"
        item.refresh_from_db()
        assert item.status == ItemStatus.COMPLETED

    def test_report_by_an_outsider_is_403(self):
        item = make_item(status_path=("agree", "start"))
        response = api_client("shanghai").post(
            f"/api/v1/items/{item.pk}/reports/",
            {"text": "ok", "values": {"funds": "100"}},
            format="json",
        )
        assert response.status_code == 201
        outsider = api_client("hunan").post(
            f"/api/v1/items/{item.pk}/reports/", {"text": "x"}, format="json"
        )
        assert outsider.status_code == 404  # not even visible
        evaluator = api_client("evaluator").post(
            f"/api/v1/items/{item.pk}/reports/", {"text": "x"}, format="json"
        )
        assert evaluator.status_code == 403
        assert item.reports.count() == 1

    def test_adjust_versions_and_compare(self):
        item = make_item(status_path=("agree",))
        response = api_client("office").post(
            f"/api/v1/items/{item.pk}/adjust/",
            {"year": 2027, "reason": "调整", "indicators": [{"kind": "funds", "target": "700"}]},
            format="json",
        )
        assert response.status_code == 201, response.json()
        compare = api_client("office").get(f"/api/v1/items/{item.pk}/compare/?a=1&b=2").json()
        paths = {d["path"] for d in compare["differences"]}
        assert "indicators.funds.target" in paths and "indicators.joint_projects.name" in paths
        assert len(api_client("office").get(f"/api/v1/items/{item.pk}/versions/").json()) == 2

    def test_decision_is_attached_later_by_the_joint_office(self):
        item = make_item()
        services.adjust_item(
            item=item, data={"goals": "新目标"}, actor=OPERATOR, year=2027, reason="调整"
        )
        refused = api_client("shanghai").post(
            f"/api/v1/items/{item.pk}/decision/", {"version": 2, "decision_ref": "x"}, format="json"
        )
        assert refused.status_code == 403
        done = api_client("office").post(
            f"/api/v1/items/{item.pk}/decision/",
            {"version": 2, "decision_ref": "2027年推进会决定第1项"},
            format="json",
        )
        assert done.json()["decision_ref"] == "2027年推进会决定第1项"

    def test_dashboard_tasks_and_pairings(self):
        make_item(status_path=("agree",))
        board = api_client("office").get("/api/v1/cooperation/dashboard/").json()
        assert board["total"] == 1 and len(board["tasks"]) == 12
        assert api_client("ministry").get("/api/v1/tasks/?mine=1").json()["count"] == 2
        assert api_client("office").get("/api/v1/pairings/").json()["count"] == 4
        assert api_client("office").get("/api/v1/cooperation/inbox/").status_code == 200
