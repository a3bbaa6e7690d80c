"""Attachments of any record: checked by name, size and content on upload, audited, and served
only to users who may see the record.

The calling app's service decides who may attach to or remove from its records (it has checked
scope before calling :func:`attach`); downloads are decided here, by the record's ``visible_to``
or by a stricter policy the app registers with :func:`register_download_policy`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from hicoop.core import audit
from hicoop.core.access import can_see
from hicoop.core.actors import stored_name, user_of
from hicoop.core.exceptions import NotFound, ValidationFailed
from hicoop.core.models import Attachment, AuditAction

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# What a file of each allowed type must begin with; ``None`` marks plain text.
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".doc": (_OLE,),
    ".xls": (_OLE,),
    ".ppt": (_OLE,),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".zip": _ZIP,
    ".ofd": _ZIP,
    ".txt": None,
    ".csv": None,
}
ALLOWED_SUFFIXES = frozenset(SIGNATURES)
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")

DownloadPolicy = Callable[[Any, models.Model, Attachment], bool]
_policies: dict[str, DownloadPolicy] = {}


def max_bytes() -> int:
    return int(getattr(settings, "HICOOP_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def register_download_policy(model_label: str, policy: DownloadPolicy) -> None:
    """A stricter rule for downloading the attachments of one model (e.g. personal data)."""
    _policies[model_label] = policy


def safe_name(raw: str) -> str:
    """The file's own name without directories or control characters, at most 200 characters."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > 200:
        suffix = PurePath(name).suffix[:20]
        name = name[: 200 - len(suffix)] + suffix
    return name


def _head(upload: Any, size: int = 2048) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head if isinstance(head, bytes) else str(head).encode()


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not lowered.startswith(_MARKUP)


def content_problems(name: str, upload: Any, size: int) -> list[str]:
    """Why a file may not be attached (empty list when it may)."""
    suffix = PurePath(name).suffix.lower()
    if not name or suffix not in SIGNATURES:
        return [_("Allowed file types: %(types)s") % {"types": ", ".join(sorted(SIGNATURES))}]
    if size <= 0:
        return [_("The file is empty.")]
    if size > max_bytes():
        return [_("A file may be at most %(n)d MB.") % {"n": max_bytes() // (1024 * 1024)}]
    head = _head(upload)
    signatures = SIGNATURES[suffix]
    fits = _looks_like_text(head) if signatures is None else head.startswith(signatures)
    if not fits:
        return [_("The file's content does not match its type %(suffix)s.") % {"suffix": suffix}]
    return []


def _digest(upload: Any) -> str:
    sha = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        sha.update(chunk if isinstance(chunk, bytes) else str(chunk).encode())
    upload.seek(0)
    return sha.hexdigest()


def attachments_of(record: models.Model) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
    )


@transaction.atomic
def attach(*, record: models.Model, upload: Any, actor: Any, kind: str = "") -> Attachment:
    """Store ``upload`` as an attachment of ``record`` (the caller has checked scope)."""
    name = safe_name(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    problems = content_problems(name, upload, size)
    if problems:
        raise ValidationFailed(details={"file": problems})
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        kind=kind[:40],
        name=name,
        size=size,
        sha256=_digest(upload),
        uploaded_by=user_of(actor),
        uploaded_by_name=stored_name(actor),
    )
    # A rolled-back transaction can leave the stored file without its row; such files are
    # never served (downloads go through the row) and are swept by the backup/clean commands.
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit.record(instance=attachment, actor=actor, action=AuditAction.CREATE)
    return attachment


@transaction.atomic
def detach(*, attachment: Attachment, actor: Any) -> None:
    """Remove an attachment and, once the transaction commits, its file."""
    before = audit.snapshot(attachment)
    storage, path, pk = attachment.file.storage, attachment.file.name or "", attachment.pk
    attachment.delete()
    attachment.pk = pk
    audit.record(instance=attachment, actor=actor, action=AuditAction.DELETE, before=before)
    if path:
        transaction.on_commit(lambda: storage.delete(path))


def record_of(attachment: Attachment) -> models.Model | None:
    model = attachment.content_type.model_class()
    if model is None:
        return None
    return model._base_manager.filter(pk=attachment.object_id).first()


def downloadable(*, attachment_id: int, user: Any) -> Attachment:
    """The attachment if ``user`` may download it; otherwise ``NotFound`` (no existence leak)."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=attachment_id).first()
    record = record_of(attachment) if attachment else None
    if attachment is None or record is None or not can_see(record, user):
        raise NotFound()
    policy = _policies.get(record._meta.label)
    if policy is not None and not policy(user, record, attachment):
        raise NotFound()
    return attachment
