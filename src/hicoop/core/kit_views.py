"""Pages of the kit: attachment downloads (scoped) and the notification list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hicoop.core import attachments, notifications
from hicoop.core.exceptions import NotFound
from hicoop.core.paging import paginate


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        found = attachments.downloadable(attachment_id=pk, user=request.user)
    except NotFound as exc:
        raise Http404() from exc
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404() from exc
    return FileResponse(handle, as_attachment=True, filename=found.name)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    found = notifications.notifications_for(user=request.user)
    page, query = paginate(request, found, 30)
    unread = found.filter(read_at__isnull=True).exists()
    return render(
        request, "core/notifications.html", {"page": page, "query": query, "unread": unread}
    )


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its record."""
    found = notifications.notifications_for(user=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404()
    notifications.mark_read(user=request.user, ids=[found.pk])
    safe = url_has_allowed_host_and_scheme(found.url, allowed_hosts={request.get_host()})
    return HttpResponseRedirect(found.url if found.url and safe else "/")


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications.mark_read(user=request.user)
    return redirect("core:notifications")
