"""Reference tables in the admin: every change is audited under the signed-in user."""

from django.contrib import admin

from hicoop.core.admin_access import AuditedAdmin
from hicoop.taxonomy.models import Division, Field, IndustryCode, Measure


@admin.register(Division)
class DivisionAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "name_en"]


@admin.register(IndustryCode)
class IndustryCodeAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ["number", "name", "name_en"]


@admin.register(Field)
class FieldAdmin(AuditedAdmin):
    list_display = ["code", "name", "name_en", "kind", "parent", "measure"]
    list_filter = ["kind", "measure"]
    search_fields = ["code", "name", "name_en"]
    filter_horizontal = ["industries"]
