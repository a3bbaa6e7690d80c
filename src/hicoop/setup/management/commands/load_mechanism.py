from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from hicoop.cooperation.mechanism import load_cooperation
from hicoop.core.actors import LOADER
from hicoop.core.discovery import app_hooks
from hicoop.parties.mechanism import load_mechanism


class Command(BaseCommand):
    help = (
        "Load (idempotently) every party, field, measure, priority pair, park pairing and key "
        "task of the mechanism "
        "(国科办区〔2020〕105号)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            report = load_mechanism(actor=LOADER)
            load_cooperation(actor=LOADER, report=report)
            for ensure in app_hooks("mechanism", "ensure_mechanism"):
                ensure(actor=LOADER, report=report)
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                "Mechanism data loaded." if report.changed else "Mechanism data already up to date."
            )
        )
