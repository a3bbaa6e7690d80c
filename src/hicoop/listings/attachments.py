"""Attachments of listings: checked on upload, deleted with their file, audited."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.models import AuditAction
from hicoop.core.scope import require_edit
from hicoop.listings.models import Attachment

MAX_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".png",
        ".jpg",
        ".jpeg",
        ".txt",
        ".zip",
        ".csv",
    }
)


def attachments_of(listing: Any) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(listing)), object_id=listing.pk
    )


@transaction.atomic
def add_attachment(*, listing: Any, upload: Any, actor: Any) -> Attachment:
    """Attach an uploaded file to a record the actor may edit (checked by the caller's service)."""
    require_edit(listing, actor)
    name = PurePath(upload.name or "").name[:200]
    suffix = PurePath(name).suffix.lower()
    problems = []
    if suffix not in ALLOWED_SUFFIXES:
        problems.append(
            _("Allowed file types: %(types)s") % {"types": ", ".join(sorted(ALLOWED_SUFFIXES))}
        )
    if upload.size > MAX_BYTES:
        problems.append(_("A file may be at most 20 MB."))
    if problems:
        raise ValidationFailed(details={"file": problems})
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(type(listing)),
        object_id=listing.pk,
        name=name,
        size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record(instance=attachment, actor=actor, action=AuditAction.CREATE)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, listing: Any, actor: Any) -> None:
    require_edit(listing, actor)
    before = audit.snapshot(attachment)
    storage, path, pk = attachment.file.storage, attachment.file.name, attachment.pk
    attachment.delete()
    attachment.pk = pk
    audit.record(instance=attachment, actor=actor, action=AuditAction.DELETE, before=before)
    transaction.on_commit(lambda: storage.delete(path))
