from typing import Any

from django.core.management.base import BaseCommand

from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.parties.services import copy_priority_matrix


class Command(BaseCommand):
    help = "Start a year's key-region × priority-field matrix as a copy of another year's."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="from_year", type=int, required=True)
        parser.add_argument("--to", dest="to_year", type=int, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        copied = run_service(
            lambda: copy_priority_matrix(
                from_year=options["from_year"], to_year=options["to_year"], actor=OPERATOR
            )
        )
        self.stdout.write(self.style.SUCCESS(f"{copied} cells copied to {options['to_year']}."))
