"""The data snapshot: every figure of a year's report for a scope, frozen, equal to the
dashboard's, and the same after a trip through the stored JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from hicoop.cooperation import selectors as coop
from hicoop.core.actors import OPERATOR
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.testing import api_client, party, user
from hicoop.parties.models import Party
from hicoop.reports import services
from hicoop.reports.snapshot import Snapshot

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 1)


def _rows(buckets: list[coop.Bucket]) -> list[list[object]]:
    return [[b.label, b.count, round(100 * b.progress, 1)] for b in buckets]


class TestTakeSnapshot:
    def test_figures_equal_the_dashboard_and_survive_storage(self, demo_data: None) -> None:
        # given the demo and the joint office
        office = user("office")
        # when the office takes the 2025 snapshot of the whole mechanism
        snap = services.take_snapshot(actor=office, year=2025, party=None, on=ON)
        # then every cooperation figure is the dashboard's for the same data
        d = coop.dashboard(user=office, on=ON)
        d_year = coop.dashboard(user=office, on=ON, year=2025)
        measures = snap.section("measures")
        assert measures.figure("items_total") == d.total > 0
        assert measures.figure("overall_progress") == round(100 * d.overall, 1)
        assert measures.figure("items_year") == d_year.total
        assert [list(r) for r in measures.table("by_measure").rows] == _rows(d.by_measure)
        assert [list(r) for r in measures.table("by_status").rows] == _rows(d.by_status)
        assert [list(r) for r in snap.section("regions").table("by_region").rows] == _rows(
            d.by_region
        )
        # and the dashboard API serves the same total
        body = api_client("office").get("/api/v1/cooperation/dashboard/").json()
        assert body["total"] == d.total
        # when the report is stored and read back from JSON text
        report = services.create_report(actor=OPERATOR, year=2025, party=None, on=ON)
        report.refresh_from_db()
        again = Snapshot.from_json(json.loads(json.dumps(report.snapshot)))
        # then it is the same frozen structure, with its formula versions and time
        assert again.sections == snap.sections
        assert report.formula_versions["snapshot"] == "reports-snapshot-1"
        assert "rollup" in report.formula_versions["progress"]
        assert report.taken_at is not None
        # and the chapters of apps without selectors on this branch say "no data yet"
        for key in ("transfer", "negative_list", "evaluation", "allocation", "commendations"):
            section = snap.section(key)
            assert not section.available and section.note
        assert snap.section("policies").available  # the 2025 edition of the demo
        assert snap.section("network").available

    def test_a_year_without_data_is_reported_as_such(self, db: None) -> None:
        snap = services.take_snapshot(actor=OPERATOR, year=2030, party=None, on=ON)
        assert not snap.section("policies").available
        assert not snap.section("decisions").available
        assert snap.section("decisions").note

    def test_bad_input_is_refused(self, db: None) -> None:
        with pytest.raises(ValidationFailed):
            services.take_snapshot(actor=OPERATOR, year=1999, party=None, on=ON)
        with pytest.raises(ValidationFailed):
            services.take_snapshot(actor=OPERATOR, year=2025, party=None, on=ON, language="fr")
        with pytest.raises(ValidationFailed):
            services.take_snapshot(actor=OPERATOR, year=2025, party=party("most"), on=ON)


class TestScopes:
    def test_region_and_park_reports_hold_only_their_data(self, demo_data: None) -> None:
        # given the Shanghai coordinator, the Haikou park manager and the Hunan region
        shanghai, hunan = party("shanghai"), party("hunan")
        coordinator = user("shanghai")
        # when the coordinator takes Shanghai's snapshot
        snap = services.take_snapshot(actor=coordinator, year=2025, party=shanghai, on=ON)
        # then it holds Shanghai's items, and no other region's records or names appear
        text = json.dumps(snap.to_json(), ensure_ascii=False)
        assert snap.section("measures").figure("items_total") > 0
        others = Party.objects.filter(kind="region").exclude(
            pk__in=[shanghai.pk, party("hainan").pk]
        )
        assert others.count() >= 5
        for other in others:
            assert other.name not in text
        labels = [r[0] for r in snap.section("regions").table("by_region").rows]
        assert labels == [shanghai.short_name or shanghai.name]
        # and other scopes are refused
        with pytest.raises(PermissionDenied):
            services.take_snapshot(actor=coordinator, year=2025, party=hunan, on=ON)
        with pytest.raises(PermissionDenied):
            services.take_snapshot(actor=coordinator, year=2025, party=None, on=ON)
        # when the park manager takes their park's snapshot
        manager = user("haikou-park")
        park = Party.objects.get(pk=manager.memberships.get().party_id)
        park_snap = services.take_snapshot(actor=manager, year=2025, party=park, on=ON)
        # then it is the park's, a part of the whole
        whole = services.take_snapshot(actor=OPERATOR, year=2025, party=None, on=ON)
        assert park_snap.scope_kind == "park" and park_snap.scope_label == park.display_name
        assert (
            0
            < park_snap.section("measures").figure("items_total")
            < whole.section("measures").figure("items_total")
        )
        assert (
            park_snap.section("measures").figure("items_total")
            == coop.dashboard(user=user("office"), on=ON, within=park.path).total
        )


class TestLaterDomains:
    def test_transfer_negative_list_and_evaluation_chapters(self, demo_data: None) -> None:
        # given the demos of transfer, the negative list and evaluation (year 2026)
        from hicoop.core.actors import DEMO
        from hicoop.evaluation import demo as evaluation_demo
        from hicoop.talent import demo as talent_demo
        from hicoop.transfer import demo as transfer_demo

        transfer_demo.ensure_demo(actor=DEMO)
        talent_demo.ensure_demo(actor=DEMO)
        evaluation_demo.ensure_demo(actor=DEMO)
        # when the 2026 report is taken
        snap = services.take_snapshot(actor=user("office"), year=2026, party=None, on=ON)
        # then the chapters hold their apps' figures
        from hicoop.evaluation import selectors as ev
        from hicoop.transfer.indicators import transfer_indicators

        assert (
            snap.section("transfer").figure("contracts") == transfer_indicators(year=2026).contracts
        )
        assert snap.section("negative_list").available
        scores = ev.published_scores(user=user("office"), year=2026)
        assert len(snap.section("evaluation").table("scores").rows) == len(scores) > 0
        assert snap.section("allocation").available
        assert snap.section("commendations").available
        # and the network counts the signed transfers
        network = snap.section("network").table("network")
        assert sum(row[4] for row in network.rows) > 0
        # and the public page shows the published league table and commendations
        from django.test import Client

        text = Client().get("/reports/progress/").content.decode()
        assert scores[0].locality in text
