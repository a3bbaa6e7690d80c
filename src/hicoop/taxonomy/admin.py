"""Reference tables in the admin: every change goes through ``taxonomy.services`` (validated,
audited under the signed-in user)."""

from typing import Any

from django.contrib import admin

from hicoop.core.admin_access import ServiceAdmin
from hicoop.taxonomy import services
from hicoop.taxonomy.models import Division, Field, IndustryCode, Measure


class ReferenceAdmin(ServiceAdmin):
    def save_row(self, instance: Any, values: dict[str, Any], actor: Any) -> Any:
        return services.save_reference(instance=instance, values=values, actor=actor)

    def delete_row(self, instance: Any, actor: Any) -> None:
        services.delete_reference(instance=instance, actor=actor)


@admin.register(Division)
class DivisionAdmin(ReferenceAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_en"]


@admin.register(IndustryCode)
class IndustryCodeAdmin(ReferenceAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Measure)
class MeasureAdmin(ReferenceAdmin):
    list_display = ["number", "name", "name_en"]


@admin.register(Field)
class FieldAdmin(ReferenceAdmin):
    list_display = ["code", "name", "name_en", "kind", "parent", "measure"]
    list_filter = ["kind", "measure"]
    search_fields = ["code", "name", "name_en"]
    filter_horizontal = ["industries"]
