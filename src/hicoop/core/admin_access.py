"""Admin access by role: joint-office administrators manage the mechanism's records in the admin
without per-model Django permissions (those stay for superusers and special cases).

Every admin write is audited under the signed-in user; the bulk "delete selected" action deletes
one record at a time through ``delete_model`` (which apps override to call their services), so
it never bypasses a service's checks or history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from hicoop.core.access import is_office
from hicoop.core.exceptions import HicoopError


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


class ServiceAdmin(JointOfficeAdmin):
    """For reference tables (taxonomy, zone designations): the admin form only parses, and the
    app's service (``save_row`` / ``delete_row``) validates, writes and audits under the
    signed-in user, as the mechanism loader's writes are audited under its own name."""

    def save_row(self, instance: Any, values: dict[str, Any], actor: Any) -> Any:
        raise NotImplementedError

    def delete_row(self, instance: Any, actor: Any) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        model = type(obj)
        instance = model._default_manager.get(pk=obj.pk) if change else model()
        m2m = {f.name for f in model._meta.many_to_many}
        values = {
            name: {row.pk for row in value} if name in m2m else value
            for name, value in form.cleaned_data.items()
        }
        obj.pk = self.save_row(instance, values, request.user).pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many sets were written by the service."""

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        try:
            self.delete_row(obj, request.user)
        except HicoopError as exc:
            messages.error(request, str(exc.message), fail_silently=True)
