import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hicoop.accounts.choices import Role
from hicoop.accounts.services import create_user, grant_membership
from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.parties.mechanism import mechanism_key
from hicoop.parties.models import Party


class Command(BaseCommand):
    help = "Create a joint-office administrator (superuser with the joint-office role)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Asked for interactively when omitted.")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Party.objects.filter(external_id=mechanism_key("joint-office")).first()
        if office is None:
            raise CommandError("Run “hicoop load-mechanism” first / 请先运行 hicoop load-mechanism")
        password = options["password"] or getpass.getpass("Password / 密码: ")

        def create() -> Any:
            with transaction.atomic():
                user = create_user(
                    username=options["username"],
                    password=password,
                    actor=OPERATOR,
                    email=options["email"],
                    is_superuser=True,
                )
                grant_membership(
                    user=user, party=office, role=Role.JOINT_OFFICE_ADMIN, actor=OPERATOR
                )
                return user

        user = run_service(create)
        self.stdout.write(self.style.SUCCESS(f"Created joint-office administrator {user}."))
