from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.taxonomy.services import import_industries


class Command(BaseCommand):
    help = "Import the full GB/T 4754-2017 classification from a CSV file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_service(lambda: import_industries(path=options["path"], actor=OPERATOR))
        for line in report.lines():
            self.stdout.write(line)
