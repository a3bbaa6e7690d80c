"""The admin never bypasses the services: bulk delete goes record by record, reference tables
are audited under the signed-in user."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from hicoop.core.models import AuditAction, AuditEntry
from hicoop.core.testing import party, user
from hicoop.parties.models import Party, ZoneDesignation
from hicoop.parties.tests.factories import add_units

pytestmark = pytest.mark.django_db


def _request() -> object:
    request = RequestFactory().post("/admin/")
    request.user = user("office")
    return request


class TestAdminWrites:
    def test_bulk_delete_of_parties_goes_through_the_service(self) -> None:
        # given two new units and the hainan region (which has children)
        units = add_units(2, start=200)
        model_admin = admin.site._registry[Party]
        ids = [u.pk for u in units] + [party("hainan").pk]
        # when the joint office deletes all three with the bulk action
        model_admin.delete_queryset(_request(), Party.objects.filter(pk__in=ids))
        # then the units are gone with one audited delete each, the region is refused and kept
        assert not Party.objects.filter(pk__in=[u.pk for u in units]).exists()
        assert Party.objects.filter(pk=party("hainan").pk).exists()
        deletes = AuditEntry.objects.filter(action=AuditAction.DELETE, actor=user("office"))
        assert {int(e.object_id) for e in deletes} >= {u.pk for u in units}

    def test_zone_designation_admin_audits_deletes(self) -> None:
        # given a designation made for the test
        zone = ZoneDesignation.objects.create(code="test-zone", name="测试区", name_en="Test zone")
        # when the admin deletes it in bulk / then it is gone and the delete is audited
        admin.site._registry[ZoneDesignation].delete_queryset(
            _request(), ZoneDesignation.objects.filter(pk=zone.pk)
        )
        assert not ZoneDesignation.objects.filter(pk=zone.pk).exists()
        entry = AuditEntry.objects.get(object_id=str(zone.pk), action=AuditAction.DELETE)
        assert entry.actor == user("office") and entry.changes["name"][0] == "测试区"
