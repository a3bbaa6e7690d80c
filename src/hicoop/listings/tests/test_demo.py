"""The demo's records: enough of each kind, in every state, loaded through the services."""

from __future__ import annotations

from collections import Counter

import pytest

from hicoop.core.models import WorkflowEvent
from hicoop.listings.demo import ensure_demo_listings
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.parties.models import Party

pytestmark = pytest.mark.django_db


def test_demo_records_load_once_with_every_state() -> None:
    # Given the mechanism and demo accounts (session fixture), when the demo records load
    first = ensure_demo_listings()
    # Then the volumes are there, from Hainan demand units and partner units
    assert Demand.objects.count() >= 60 and Capability.objects.count() >= 120
    assert Achievement.objects.count() >= 300
    hainan = Party.objects.get(external_id="mechanism:hainan")
    assert all(d.owner.path.startswith(hainan.path) for d in Demand.objects.select_related("owner"))
    assert not Achievement.objects.filter(owner__path__startswith=hainan.path).exists()
    states = Counter(Demand.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "published", "matched", "closed"} <= set(states)
    assert (
        Demand.objects.filter(
            mode="many_to_one", owner__parent__external_id=("mechanism:yazhou-bay")
        ).count()
        >= 4
    )
    # and every status came about through lifecycle events
    assert (
        WorkflowEvent.objects.filter(workflow="listings.listing", action="publish").count()
        >= states["published"]
    )
    # and a second load adds nothing
    assert set(ensure_demo_listings().values()) == {0}
    assert first["demands"] == Demand.objects.count()
