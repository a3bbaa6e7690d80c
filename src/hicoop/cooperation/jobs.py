"""Daily job: notices of progress reports due within a week or overdue (issue 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.actors import SCHEDULER
from hicoop.core.jobs import Progress, job_handler, register_periodic
from hicoop.core.models import Job

REPORT_NOTICES = "cooperation.report_notices"


@job_handler(REPORT_NOTICES, label=gettext_lazy("Notices of progress reports due"))
def report_notices_job(job: Job, progress: Progress) -> dict[str, Any]:
    from hicoop.cooperation.services.reminders import send_report_notices

    on = dt.date.fromisoformat(job.params["on"]) if job.params.get("on") else None
    progress.update(done=0, total=1, message=_("Looking for reports due"))
    sent = send_report_notices(on=on or timezone.localdate(), actor=SCHEDULER)
    progress.update(done=1, total=1, message=_("Done"))
    return {"sent": sent}


register_periodic(REPORT_NOTICES, daily_at="07:30")
