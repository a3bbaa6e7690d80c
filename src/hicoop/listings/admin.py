"""Read-mostly admin: records change through the pages, the API and imports (services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.core.admin_access import JointOfficeAdmin
from hicoop.listings.models import Achievement, Capability, Demand, ListingEvent


class _ListingAdmin(JointOfficeAdmin):
    list_display = ["title", "owner", "status", "ends_on", "updated_at"]
    list_filter = ["status", "fields"]
    search_fields = ["title", "external_id", "owner__name"]
    readonly_fields = ["status", "status_changed_at", "search_tokens"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.register(Demand, _ListingAdmin)
admin.site.register(Capability, _ListingAdmin)
admin.site.register(Achievement, _ListingAdmin)


@admin.register(ListingEvent)
class ListingEventAdmin(JointOfficeAdmin):
    list_display = [
        "at",
        "content_type",
        "object_id",
        "action",
        "from_status",
        "to_status",
        "actor_name",
    ]
    list_filter = ["action", "content_type"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
