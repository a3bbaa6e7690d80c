"""Matchmaking's work on the job queue: embeddings of changed records, and weight refits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from hicoop.core.actors import MATCHING
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job
from hicoop.matchmaking.services import learning, vectors


@job_handler(vectors.EMBED_KIND, label=_("Compute embeddings"))
def embed(job: Job, progress: Progress) -> dict[str, Any] | None:
    """Embed every record and partner profile whose vector is missing or out of date."""

    def report(done: int, total: int, message: str) -> None:
        progress.update(done=done, total=total, message=message or None)

    on = job.params.get("on")
    return vectors.embed_pending(on=dt.date.fromisoformat(on) if on else None, progress=report)


@job_handler(learning.REFIT_KIND, label=_("Learn ranking weights from answers"))
def refit(job: Job, progress: Progress) -> dict[str, Any] | None:
    """Refit the ranking weights from all answered expressions of interest."""
    fitted = learning.refit_weights(actor=MATCHING)
    if fitted is None:
        return {"fitted": False}
    return {"fitted": True, "version": fitted.version, "pairs": fitted.pairs}
