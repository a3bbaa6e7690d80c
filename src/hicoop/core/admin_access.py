"""Admin access by role: joint-office administrators manage the mechanism's records in the admin
without per-model Django permissions (those stay for superusers and special cases).

Every admin write is audited under the signed-in user; the bulk "delete selected" action deletes
one record at a time through ``delete_model`` (which apps override to call their services), so
it never bypasses a service's checks or history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.core import audit
from hicoop.core.access import is_office
from hicoop.core.models import AuditAction


class JointOfficeAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_office(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_office(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_office(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_office(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_office(request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class AuditedAdmin(JointOfficeAdmin):
    """For reference tables without a write service (taxonomy, zone designations): every save
    and delete made in the admin is written to the audit trail under the signed-in user."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        self._changed = (obj, before, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj, before, changed = self._changed
        action = AuditAction.UPDATE if changed else AuditAction.CREATE
        audit.record(instance=obj, actor=request.user, action=action, before=before)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, pk = audit.snapshot(obj), obj.pk
        super().delete_model(request, obj)
        obj.pk = pk
        audit.record(instance=obj, actor=request.user, action=AuditAction.DELETE, before=before)
