"""Transfer contracts: recording, the lifecycle, payments, documents and scoping per role."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.testing import user
from hicoop.core.workflow import TransitionNotAllowed
from hicoop.transfer import indicators, selectors, services
from hicoop.transfer.exceptions import PaymentsExceedAmount
from hicoop.transfer.models import Transfer
from hicoop.transfer.tests.factories import SIGNED, YEAR, achievement, licence, unit

pytestmark = pytest.mark.django_db


class TestDoneMeans:
    def test_partner_licence_registered_flows_and_achievement_page(self, client: Any) -> None:
        # given a Shanghai unit's achievement
        sonar = achievement()
        # when its member records a licence to a Hainan unit and signs it
        transfer = licence(achievement=str(sonar.pk))
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        # and the joint office records the registration
        services.take_step(
            transfer=transfer,
            action="register",
            actor=user("office"),
            registration="2026 3101 0000 0042 77",
        )
        # then the office sees it registered
        seen = selectors.transfer_detail(user=user("office"), pk=transfer.pk)
        assert seen.status == "registered"
        assert seen.registration_number == "202631010000004277"
        assert seen.zone == ""  # Shanghai proper is not the Minhang zone
        # and the flows chart moved: Shanghai → 海口高新区
        flows = indicators.flows(year=YEAR, user=user("office"))
        assert [(k.source, k.target, k.count, k.amount) for k in flows.links] == [
            ("上海市", "海口国家高新技术产业开发区", 1, Decimal("200.00"))
        ]
        figures = indicators.transfer_indicators(year=YEAR)
        assert (figures.contracts, figures.registered) == (1, 1)
        # and the achievement's page shows it
        client.force_login(user("unit-haikou"))
        page = client.get(f"/achievements/{sonar.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert page.status_code == 200
        assert "深海探测声呐技术许可合同" in page.content.decode()
        assert 'id="transfer-panel"' in page.content.decode()


class TestScoping:
    def _two(self) -> tuple[Transfer, Transfer]:
        hunan = unit("长沙测试装备有限公司", "hunan", "test-hunan-unit")
        shanghai = licence()
        from_hunan = licence(
            title="湖南装备技术服务合同",
            seller=str(hunan.pk),
            contract_type="service",
            actor=user("office"),
        )
        return shanghai, from_hunan

    @pytest.mark.parametrize(
        ("username", "expected"),
        [
            ("office", {"shanghai", "hunan"}),
            ("ministry", {"shanghai", "hunan"}),
            ("hunan", {"hunan"}),
            ("shanghai", {"shanghai"}),
            ("unit-shanghai", {"shanghai"}),
            ("unit-haikou", {"shanghai", "hunan"}),
            ("haikou-park", {"shanghai", "hunan"}),
        ],
    )
    def test_each_role_sees_its_scope(self, username: str, expected: set[str]) -> None:
        # given a Shanghai and a Hunan contract, both bought by a Haikou unit
        shanghai, from_hunan = self._two()
        names = {shanghai.pk: "shanghai", from_hunan.pk: "hunan"}
        # when the role lists contracts
        found = selectors.transfer_list(user=user(username))
        # then it sees exactly its scope
        assert {names[t.pk] for t in found} == expected

    def test_out_of_scope_detail_is_not_found(self) -> None:
        _shanghai, from_hunan = self._two()
        from hicoop.core.exceptions import NotFound

        with pytest.raises(NotFound):
            selectors.transfer_detail(user=user("unit-shanghai"), pk=from_hunan.pk)

    def test_unit_cannot_record_for_others(self) -> None:
        with pytest.raises(PermissionDenied):
            licence(
                actor=user("unit-haikou"),
                buyer="mechanism:yazhou-bay",
                seller="demo-unit-shanghai-ocean",
            )


class TestBadInput:
    @pytest.mark.parametrize(
        "number", ["12345", "20263101000000427", "2026990100000042AB", "180031010000004277"]
    )
    def test_registration_number_format(self, number: str) -> None:
        with pytest.raises(ValidationFailed) as caught:
            licence(registration_number=number)
        assert "registration_number" in caught.value.details

    def test_rules_across_fields(self) -> None:
        with pytest.raises(ValidationFailed) as caught:
            licence(
                technology_amount="300",
                description="",
                buyer="demo-unit-shanghai-ocean",
                amount="200",
            )
        details = caught.value.details
        assert {"technology_amount", "description", "buyer"} <= set(details)

    def test_neither_side_in_hainan(self) -> None:
        with pytest.raises(ValidationFailed) as caught:
            licence(buyer="mechanism:zhangjiang", actor=user("office"))
        assert "buyer" in caught.value.details

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("amount", "-1"),
            ("amount", "99999999"),
            ("contract_type", "gift"),
            ("signed_on", "2026-13-01"),
            ("title", "x" * 201),
        ],
    )
    def test_ranges_and_lengths(self, name: str, value: str) -> None:
        with pytest.raises(ValidationFailed) as caught:
            licence(**{name: value})
        assert name in caught.value.details

    def test_labels_accepted_for_choices(self) -> None:
        transfer = licence(contract_type="技术许可", zone="上海闵行", programmes="百城百园")
        assert (transfer.contract_type, transfer.zone, transfer.programmes) == (
            "licence",
            "minhang",
            ["hundred_cities"],
        )


class TestLifecycle:
    def test_register_is_the_office_step(self) -> None:
        transfer = licence()
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        with pytest.raises(PermissionDenied):
            services.take_step(
                transfer=transfer,
                action="register",
                actor=user("unit-shanghai"),
                registration="202631010000004277",
            )

    def test_register_needs_a_number(self) -> None:
        transfer = licence()
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        with pytest.raises(ValidationFailed):
            services.take_step(transfer=transfer, action="register", actor=user("office"))

    def test_full_path_and_termination_needs_reason(self) -> None:
        transfer = licence()
        for step, who in (
            ("sign", "unit-shanghai"),
            ("register", "office"),
            ("take_effect", "unit-haikou"),
            ("complete", "unit-haikou"),
        ):
            services.take_step(
                transfer=transfer, action=step, actor=user(who), registration="202631010000004278"
            )
        assert transfer.status == "completed"
        with pytest.raises(TransitionNotAllowed):
            services.take_step(
                transfer=transfer, action="terminate", actor=user("office"), reason="x"
            )
        other = licence(title="另一合同")
        with pytest.raises(ValidationFailed):
            services.take_step(transfer=other, action="terminate", actor=user("unit-shanghai"))
        services.take_step(
            transfer=other, action="terminate", actor=user("unit-shanghai"), reason="双方协商解除"
        )
        assert other.status == "terminated"

    def test_sign_stamps_the_date(self) -> None:
        transfer = licence(signed_on="")
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"), on=SIGNED)
        transfer.refresh_from_db()
        assert transfer.signed_on == SIGNED


class TestPayments:
    def test_sum_never_exceeds_amount(self) -> None:
        transfer = licence()
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        services.record_payment(
            transfer=transfer,
            data={"amount": "150", "received_on": "2026-07-01"},
            actor=user("unit-haikou"),
        )
        with pytest.raises(PaymentsExceedAmount) as caught:
            services.record_payment(
                transfer=transfer,
                data={"amount": "50.01", "received_on": "2026-08-01"},
                actor=user("unit-haikou"),
            )
        assert "50.00" in caught.value.details["amount"][0]
        services.record_payment(
            transfer=transfer,
            data={"amount": "50", "received_on": "2026-08-01"},
            actor=user("unit-haikou"),
        )
        assert services.paid_total(transfer) == Decimal("200")

    def test_not_before_signing(self) -> None:
        with pytest.raises(ValidationFailed):
            services.record_payment(
                transfer=licence(),
                data={"amount": "1", "received_on": "2026-07-01"},
                actor=user("office"),
            )


class TestDocuments:
    def test_contract_pdf_attached_and_scoped(self, client: Any) -> None:
        transfer = licence()
        upload = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        attachment = services.add_document(
            transfer=transfer, upload=upload, kind="contract", actor=user("unit-shanghai")
        )
        client.force_login(user("hunan"))
        assert client.get(f"/files/{attachment.pk}/").status_code == 404
        client.force_login(user("unit-haikou"))
        assert client.get(f"/files/{attachment.pk}/").status_code == 200

    def test_fake_pdf_refused(self) -> None:
        upload = SimpleUploadedFile("合同.pdf", b"<html>no</html>")
        with pytest.raises(ValidationFailed):
            services.add_document(
                transfer=licence(), upload=upload, kind="contract", actor=user("office")
            )


class TestTodos:
    def test_signed_contract_waits_in_the_office_inbox(self) -> None:
        import datetime as dt

        from hicoop.core.workspace import todos_for

        transfer = licence()
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        titles = [t.title for t in todos_for(user("office"), dt.date(2026, 8, 1))]
        assert transfer.title in titles
        overdue = [
            t for t in todos_for(user("office"), dt.date(2026, 8, 1)) if t.title == transfer.title
        ]
        assert overdue[0].overdue
        assert transfer.title not in [
            t.title for t in todos_for(user("unit-shanghai"), dt.date(2026, 8, 1))
        ]


class TestNotices:
    def test_registration_tells_both_sides_not_the_office(self) -> None:
        from hicoop.core.models import Notification
        from hicoop.core.notifications import text_of

        transfer = licence()
        services.take_step(transfer=transfer, action="sign", actor=user("unit-shanghai"))
        services.take_step(
            transfer=transfer,
            action="register",
            actor=user("office"),
            registration="202631010000005555",
        )
        told = Notification.objects.filter(kind="transfer.registered", target_id=transfer.pk)
        assert {n.recipient.username for n in told} == {"unit-shanghai", "unit-haikou"}
        from django.utils import translation

        with translation.override("en"):
            assert text_of(told.first()) == "深海探测声呐技术许可合同 was registered."
