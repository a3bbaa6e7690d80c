from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from hicoop.accounts.demo import DEMO_PASSWORD, ensure_demo_accounts
from hicoop.cooperation.demo import ensure_demo_cooperation
from hicoop.core.actors import DEMO
from hicoop.core.discovery import app_hooks
from hicoop.listings.demo import ensure_demo_listings
from hicoop.matchmaking.demo import ensure_demo_matching


class Command(BaseCommand):
    help = "Prepare the demo (migrate, load the mechanism, demo accounts) and serve it locally."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare only.")
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server instead of gunicorn"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_mechanism", stdout=self.stdout)
        accounts = ensure_demo_accounts()
        created = ensure_demo_listings()
        created.update(ensure_demo_cooperation())
        created.update(ensure_demo_matching())
        for ensure in app_hooks("demo", "ensure_demo"):
            created.update(ensure(actor=DEMO))
        self.stdout.write(
            "Demo records added: " + ", ".join(f"{k} {v}" for k, v in created.items())
        )
        url = f"http://127.0.0.1:{options['port']}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"hicoop demo: {url}"))
        self.stdout.write(f"API docs: {url}api/docs/")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<14} {account.role:<20} {account.full_name}")
        if not options["no_serve"]:
            call_command("serve", port=options["port"], dev=options["dev"])
