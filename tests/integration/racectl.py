"""A separate process on a real hicoop database for the race tests (issue 11): prepare a demand
with an open expression of interest, then — many processes at once, each with its own database
connection — accept that interest or create cooperation items."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hicoop.config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from hicoop.core.actors import OPERATOR  # noqa: E402
from hicoop.core.exceptions import HicoopError  # noqa: E402

TODAY = dt.date(2026, 6, 1)


def setup() -> dict[str, int]:
    from hicoop.accounts.demo import ensure_demo_accounts
    from hicoop.cooperation.mechanism import load_cooperation
    from hicoop.core.actors import LOADER
    from hicoop.core.discovery import app_hooks
    from hicoop.core.testing import party, user
    from hicoop.listings import services as listings
    from hicoop.listings.choices import ListingKind
    from hicoop.matchmaking import services as matching
    from hicoop.parties.mechanism import load_mechanism

    call_command("migrate", interactive=False, verbosity=0)
    report = load_mechanism(actor=LOADER)
    load_cooperation(actor=LOADER, report=report)
    for ensure in app_hooks("mechanism", "ensure_mechanism"):
        ensure(actor=LOADER, report=report)
    ensure_demo_accounts()
    demand = listings.create_listing(
        kind=ListingKind.DEMAND,
        data={
            "title": "深远海养殖网箱智能投喂",
            "owner": "demo-unit-haikou-bio",
            "description": "需要深远海养殖智能投喂控制系统。",
            "measure": 1,
            "mode": "one_to_one",
            "fields": ["deep-sea"],
        },
        actor=OPERATOR,
    )
    listings.transition_listing(listing=demand, action="submit", actor=OPERATOR)
    listings.transition_listing(listing=demand, action="publish", actor=user("office"))
    interest = matching.express_interest(
        demand=demand, partner=party("demo-unit-shanghai-ocean"), actor=OPERATOR
    )
    return {"interest": interest.pk}


def accept(interest_id: int) -> str:
    from hicoop.matchmaking import services as matching
    from hicoop.matchmaking.models import Interest

    interest = Interest.objects.get(pk=interest_id)
    matching.respond_interest(interest=interest, actor=OPERATOR, accept=True, on=TODAY)
    return "accepted"


def create_item(n: int) -> str:
    from hicoop.cooperation import services as cooperation
    from hicoop.core.testing import party

    item = cooperation.create_item(
        data={
            "title": f"并发创建的合作事项 {n}",
            "measure": 1,
            "mode": "one_to_one",
            "fields": ["deep-sea"],
            "goals": "并发测试",
            "hainan_parties": [str(party("haikou-hitech").pk)],
            "partner_parties": [str(party("shanghai").pk)],
            "year": 2026,
        },
        actor=OPERATOR,
        on=TODAY,
    )
    return item.number


def main(argv: list[str]) -> None:
    command = argv[0]
    if command == "setup":
        print(json.dumps(setup()))
        return
    start_at = float(argv[2])
    time.sleep(max(0.0, start_at - time.time()))  # all processes start their write together
    try:
        result = accept(int(argv[1])) if command == "accept" else create_item(int(argv[1]))
    except HicoopError as exc:
        result = f"refused:{exc.code}"
    except Exception as exc:
        result = f"error:{type(exc).__name__}:{exc}"
    print(json.dumps({"result": result}))


if __name__ == "__main__":
    main(sys.argv[1:])
