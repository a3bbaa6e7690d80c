"""Long work of the catalogue: importing the LawRefBook texts (read at run time, never copied)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.exceptions import ValidationFailed
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job
from hicoop.policies.exceptions import ImportFailed

IMPORT_TEXTS = "policies.import_texts"
IMPORT_SHEET = "policies.import_sheet"


def _actor(job: Job) -> Any:
    from hicoop.core.actors import OPERATOR, SYSTEM_ACTORS

    if job.actor is not None:
        return job.actor
    name = job.actor_name.removeprefix("system:")
    return SYSTEM_ACTORS.get(name, OPERATOR)


@job_handler(IMPORT_TEXTS, label=gettext_lazy("Import of policy texts"))
def import_texts_job(job: Job, progress: Progress) -> dict[str, Any]:
    from hicoop.policies import lawrefbook
    from hicoop.policies.services.imports import import_texts

    root = Path(str(job.params.get("path", "")))
    if not root.is_dir():
        raise ValidationFailed(details={"path": [_("Not a directory: %(p)s") % {"p": root}]})
    progress.update(done=0, total=1, message=_("Reading and parsing the texts"))

    def step(done: int, total: int) -> None:
        progress.update(done=done, total=total + 1)

    from hicoop.policies.models import PolicyVersion

    stored = PolicyVersion.objects.exclude(source_sha="").values_list("source_sha", flat=True)
    records, errors = lawrefbook.read_collection(root, step, frozenset(stored))
    if errors:
        raise ImportFailed(
            details={f"manifest.csv:{e.row} · {e.column}": [e.message] for e in errors}
        )
    progress.update(message=_("Writing %(n)d texts") % {"n": len(records)})
    counts = import_texts(records=records, actor=_actor(job))
    progress.update(done=len(records) + 1, total=len(records) + 1, message=_("Done"))
    return {**counts, "url": reverse("policies:list")}


@job_handler(IMPORT_SHEET, label=gettext_lazy("Import of catalogue entries"))
def import_sheet_job(job: Job, progress: Progress) -> dict[str, Any]:
    from hicoop.policies.services.spreadsheet import import_sheet

    path = Path(str(job.params.get("path", "")))
    progress.update(done=0, total=1, message=_("Checking rows"))
    result = import_sheet(content=path.read_bytes(), actor=_actor(job))
    progress.update(done=1, total=1, message=_("Done"))
    return {**result, "url": reverse("policies:list")}
