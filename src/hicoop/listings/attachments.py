"""Attachments of listings: the kit's one attachment model (:mod:`hicoop.core.attachments`).

Type, size and content are checked on upload (a file whose bytes do not match its suffix is
refused); a removed file is deleted once the transaction commits; both are audited.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from hicoop.core import attachments as kit
from hicoop.core.actors import Actor
from hicoop.core.models import Attachment
from hicoop.core.scope import require_edit

__all__ = ["Attachment", "add_attachment", "attachments_of", "remove_attachment"]


def attachments_of(listing: Any) -> QuerySet[Attachment]:
    return kit.attachments_of(listing)


@transaction.atomic
def add_attachment(*, listing: Any, upload: Any, actor: Actor) -> Attachment:
    """Attach an uploaded file to a record the actor may edit."""
    require_edit(listing, actor)
    return kit.attach(record=listing, upload=upload, actor=actor)


@transaction.atomic
def remove_attachment(*, attachment: Attachment, listing: Any, actor: Actor) -> None:
    require_edit(listing, actor)
    kit.detach(attachment=attachment, actor=actor)
