"""Long work of the talent app: the impact preview of a draft negative-list version."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hicoop.core.exceptions import NotFound
from hicoop.core.jobs import Progress, job_handler
from hicoop.core.models import Job

IMPACT_PREVIEW = "talent.impact_preview"


@job_handler(IMPACT_PREVIEW, label=gettext_lazy("Impact preview of a negative-list version"))
def impact_preview_job(job: Job, progress: Progress) -> dict[str, Any]:
    from hicoop.talent.impact import preview
    from hicoop.talent.models import ListVersion

    version = ListVersion.objects.filter(pk=job.params.get("version")).first()
    if version is None:
        raise NotFound()
    progress.update(done=0, total=1, message=_("Comparing permits and pre-checks"))

    def tick(done: int, total: int) -> None:
        progress.update(done=done, total=total)

    result = preview(version, tick)
    progress.update(message=_("Done"))
    return {**result, "url": reverse("talent:impact", args=[version.pk])}
