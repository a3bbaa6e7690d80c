from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.core.admin_access import JointOfficeAdmin
from hicoop.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(JointOfficeAdmin):
    """The audit trail is append-only: it can be read and searched, never edited."""

    list_display = ["at", "actor_name", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_name", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
