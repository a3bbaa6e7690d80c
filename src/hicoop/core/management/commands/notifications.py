"""``hicoop notifications digest [--dry-run] [--on DATE]``: send today's e-mail digests now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hicoop.core.actors import OPERATOR
from hicoop.core.management.commands._output import run_service
from hicoop.core.notice_mail import send_digests


def _date(raw: str) -> dt.date:
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(f"Enter a date as YYYY-MM-DD / 日期格式应为 YYYY-MM-DD: {raw}") from exc


class Command(BaseCommand):
    help = (
        "Notifications: 'digest [--dry-run] [--on DATE]' sends each user's daily e-mail digest now "
        "(at most one a day; --dry-run lists what would be sent)."
    )

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        digest = sub.add_parser("digest", help="send the daily e-mail digests now")
        digest.add_argument("--dry-run", action="store_true", help="list, do not send")
        digest.add_argument("--on", default="", help="the day (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **opts: Any) -> None:
        on = _date(opts["on"])
        dry = bool(opts["dry_run"])
        run = run_service(lambda: send_digests(on=on, actor=OPERATOR, dry_run=dry))
        for digest in run.digests:
            self.stdout.write(
                f"{digest.user.username}\t{digest.address}\t{digest.language}\t"
                f"{len(digest.notices)}"
            )
        verb = "would send" if dry else "sent"
        self.stdout.write(
            f"{on}: {verb} {run.sent} digest(s) with {run.notices} notification(s); "
            f"{run.no_address} user(s) without an e-mail address skipped; "
            f"{run.already} already sent today."
        )
