"""The job kit: long work runs on the task queue, never inside a web request.

Declare a kind in your app's ``jobs.py`` (auto-discovered)::

    @job_handler("listings.import", label=_("Spreadsheet import"))
    def import_rows(job: Job, progress: Progress) -> dict | None:
        progress.update(done=0, total=len(rows), message=_("Checking rows"))
        ...
        return {"created": n, "url": reverse(...)}

and ask for it from a view, the API or a command with
``enqueue(kind="listings.import", params={...}, actor=request.user, target=record)``.
"""

from hicoop.core.jobs.registry import job_handler, kind_label, register_periodic
from hicoop.core.jobs.runner import Progress, reap_stale, run_job
from hicoop.core.jobs.services import cancel, enqueue, tick

__all__ = [
    "Progress",
    "cancel",
    "enqueue",
    "job_handler",
    "kind_label",
    "reap_stale",
    "register_periodic",
    "run_job",
    "tick",
]
