"""Read-only admin: records change through the pages, the API and imports (services).

Status history is the kit's ``WorkflowEvent`` (core admin)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.core.admin_access import JointOfficeAdmin
from hicoop.listings.models import Achievement, Capability, Demand


class _ListingAdmin(JointOfficeAdmin):
    list_display = ["title", "owner", "status", "ends_on", "updated_at"]
    list_filter = ["status", "fields"]
    search_fields = ["title", "external_id", "owner__name"]
    readonly_fields = ["status", "status_changed_at", "search_tokens"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # records close through the services; deleting would lose their history


admin.site.register(Demand, _ListingAdmin)
admin.site.register(Capability, _ListingAdmin)
admin.site.register(Achievement, _ListingAdmin)
