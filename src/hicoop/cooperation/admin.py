"""Read-only admin views: cooperation records change through the pages, the API and services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.cooperation.models import CooperationItem, ItemVersion, KeyTask, Pairing
from hicoop.core.admin_access import JointOfficeAdmin


class _ReadOnly(JointOfficeAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CooperationItem)
class ItemAdmin(_ReadOnly):
    list_display = ["number", "title", "measure", "mode", "status", "progress", "year"]
    list_filter = ["status", "measure", "mode", "year"]
    search_fields = ["number", "title"]


@admin.register(KeyTask)
class TaskAdmin(_ReadOnly):
    list_display = ["number", "title", "department", "deadline", "status", "progress"]


@admin.register(Pairing)
class PairingAdmin(_ReadOnly):
    list_display = ["key", "title", "is_active"]


@admin.register(ItemVersion)
class VersionAdmin(_ReadOnly):
    list_display = ["item", "number", "year", "reason", "decision_ref", "actor_name", "at"]
