"""Notification e-mail: one digest a day per user at most (ADR 0048).

The digest holds the user's notifications not yet e-mailed (from the last week), of the kinds
they have not left out, written in the language they chose, with absolute links to the records.
Each digest sent is a :class:`~hicoop.core.models.NoticeDigest` row (one per user and day) and
stamps its notifications ``emailed_at``, so a second run on the same day sends nothing. Users
without an e-mail address, and those who turned e-mail off, are skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hicoop.core.actors import SCHEDULER, require_actor
from hicoop.core.jobs import Progress, job_handler, register_periodic
from hicoop.core.models import Job, NoticeDigest, NoticePreference, Notification
from hicoop.core.notifications import label_of, text_of

WINDOW_DAYS = 7  # older notifications are not e-mailed (turning e-mail back on sends no backlog)
MAX_ITEMS = 100  # per digest; the rest wait in the app (and the next day's digest)
DIGEST_JOB = "core.notification_digest"


@dataclass(frozen=True)
class Digest:
    """What one user would get: address, language and the notifications, oldest first."""

    user: Any
    address: str
    language: str
    notices: list[Notification]


@dataclass
class DigestRun:
    """The outcome of one run, for the job result and the command line."""

    sent: int = 0
    notices: int = 0
    no_address: int = 0
    already: int = 0
    digests: list[Digest] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "notices": self.notices,
            "no_address": self.no_address,
            "already": self.already,
        }


def _pending(on: dt.date) -> dict[int, list[Notification]]:
    since = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    rows = (
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__gte=since, recipient__is_active=True
        )
        .exclude(recipient__notice_digests__day=on)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    found: dict[int, list[Notification]] = {}
    for row in rows:
        found.setdefault(row.recipient_id, []).append(row)
    return found


def plan(*, on: dt.date, run: DigestRun | None = None) -> list[Digest]:
    """The digests due on ``on`` (nothing is sent or stored)."""
    run = run if run is not None else DigestRun()
    pending = _pending(on)
    choices = {p.user_id: p for p in NoticePreference.objects.filter(user_id__in=list(pending))}
    digests = []
    for user_id, rows in pending.items():
        choice = choices.get(user_id) or NoticePreference(user_id=user_id)
        wanted = [n for n in rows if n.kind not in set(choice.muted_kinds)][:MAX_ITEMS]
        if not choice.email_enabled or not wanted:
            continue
        user = rows[0].recipient
        if not user.email:
            run.no_address += 1
            continue
        digests.append(Digest(user, user.email, choice.language, wanted))
    return digests


def absolute(path: str) -> str:
    return f"{settings.HICOOP_SITE_URL}{path or reverse('core:notifications')}"


def compose(digest: Digest) -> EmailMessage:
    """The e-mail, written in the digest's language."""
    with translation.override(digest.language):
        items = [
            {"label": label_of(n), "text": text_of(n), "link": absolute(n.url)}
            for n in digest.notices
        ]
        count = len(items)
        subject = ngettext(
            "[hicoop] %(n)d new notification", "[hicoop] %(n)d new notifications", count
        ) % {"n": count}
        body = render_to_string(
            "core/email/digest.txt",
            {
                "user": digest.user,
                "items": items,
                "settings_link": absolute(reverse("accounts:notice-settings")),
                "all_link": absolute(reverse("core:notifications")),
            },
        )
    return EmailMessage(subject=subject, body=body, to=[digest.address])


def deliver(digest: Digest, *, on: dt.date) -> bool:
    """Send one digest and record it; ``False`` when one was already sent that day."""
    try:
        with transaction.atomic():
            NoticeDigest.objects.create(
                recipient=digest.user,
                day=on,
                address=digest.address,
                language=digest.language,
                count=len(digest.notices),
            )
            Notification.objects.filter(pk__in=[n.pk for n in digest.notices]).update(
                emailed_at=timezone.now()
            )
            compose(digest).send()  # a failed send rolls the record back: tomorrow tries again
    except IntegrityError:
        return False
    return True


def send_digests(*, on: dt.date, actor: Any, dry_run: bool = False) -> DigestRun:
    """Today's digests for everyone (``dry_run``: only say what would be sent)."""
    require_actor(actor)  # the scheduler or the operator; the digest rows are the record
    run = DigestRun()
    run.digests = plan(on=on, run=run)
    for digest in run.digests:
        if dry_run or deliver(digest, on=on):
            run.sent += 1
            run.notices += len(digest.notices)
        else:
            run.already += 1
    return run


@job_handler(DIGEST_JOB, label=gettext_lazy("Daily notification e-mail"))
def digest_job(job: Job, progress: Progress) -> dict[str, Any]:
    on = dt.date.fromisoformat(job.params["on"]) if job.params.get("on") else None
    progress.update(done=0, total=1, message=_("Writing the digests"))
    run = send_digests(on=on or timezone.localdate(), actor=SCHEDULER)
    progress.update(done=1, total=1, message=_("Done"))
    return run.as_dict()


register_periodic(DIGEST_JOB, daily_at=settings.HICOOP_EMAIL_DIGEST_AT)
