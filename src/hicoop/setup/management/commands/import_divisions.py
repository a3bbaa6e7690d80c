from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.taxonomy.services import import_divisions


class Command(BaseCommand):
    help = (
        "Import all province, prefecture and county division codes from a folder with "
        "provinces.csv, cities.csv and areas.csv (e.g. ../shared/data/admin_divisions_cn)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_service(
            lambda: import_divisions(directory=options["directory"], actor=OPERATOR)
        )
        for line in report.lines():
            self.stdout.write(line)
