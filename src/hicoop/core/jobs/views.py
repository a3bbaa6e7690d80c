"""The job page: a live progress bar (polling the jobs API), then the result link or the error."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hicoop.core.jobs import selectors
from hicoop.core.jobs.registry import kind_label
from hicoop.core.pages import or_404
from hicoop.core.paging import paginate


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = or_404(selectors.job_detail, job_id=pk, user=request.user)
    return render(request, "core/job.html", {"job": job, "kind_label": kind_label(job.kind)})


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, selectors.jobs_for(user=request.user), 25)
    for job in page.object_list:
        job.kind_text = kind_label(job.kind)
    return render(request, "core/jobs.html", {"page": page, "query": query})
