"""Django admin for the joint office. Party writes go through the services (validation + audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from hicoop.core.admin_access import JointOfficeAdmin, ServiceAdmin
from hicoop.core.exceptions import HicoopError
from hicoop.parties import services
from hicoop.parties.models import Party, RegionPriorityField, ZoneDesignation


@admin.register(Party)
class PartyAdmin(JointOfficeAdmin):
    list_display = ["name", "short_name", "kind", "subtype", "parent", "division", "is_active"]
    list_filter = ["kind", "subtype", "is_active", "fields"]
    search_fields = ["name", "name_en", "short_name", "credit_code", "external_id"]
    autocomplete_fields = ["parent", "division"]
    filter_horizontal = ["fields", "designations"]
    readonly_fields = ["path", "created_at", "updated_at"]

    def _values(self, form: Any) -> dict[str, Any]:
        c = form.cleaned_data
        return {
            "name": c["name"],
            "name_en": c["name_en"],
            "short_name": c["short_name"],
            "kind": c["kind"],
            "subtype": c["subtype"],
            "parent_id": c["parent"].pk if c["parent"] else None,
            "division_code": c["division"].code if c["division"] else "",
            "credit_code": c["credit_code"],
            "field_codes": tuple(f.code for f in c["fields"]),
            "designation_codes": tuple(d.code for d in c["designations"]),
            "description": c["description"],
            "description_en": c["description_en"],
            "contact_person": c["contact_person"],
            "contact_phone": c["contact_phone"],
            "contact_email": c["contact_email"],
            "website": c["website"],
            "is_active": c["is_active"],
            "external_id": c["external_id"],
        }

    def save_model(self, request: HttpRequest, obj: Party, form: Any, change: bool) -> None:
        values = self._values(form)
        if change:
            fresh = Party.objects.get(pk=obj.pk)
            services.update_party(party=fresh, changes=values, actor=request.user)
        else:
            created = services.create_party(data=services.PartyData(**values), actor=request.user)
            obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Many-to-many sets were written by the service."""

    def delete_model(self, request: HttpRequest, obj: Party) -> None:
        try:
            services.delete_party(party=obj, actor=request.user)
        except HicoopError as exc:
            messages.error(request, str(exc.message), fail_silently=True)

    def get_queryset(self, request: HttpRequest) -> Any:
        return Party.objects.visible_to(request.user)


@admin.register(RegionPriorityField)
class RegionPriorityFieldAdmin(JointOfficeAdmin):
    list_display = ["year", "region", "field", "weight"]
    list_filter = ["year", "region", "field"]
    list_editable = ["weight"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        c = form.cleaned_data
        saved = services.set_priority_cell(
            year=c["year"],
            region=c["region"],
            field=c["field"],
            weight=c["weight"],
            basis=c.get("basis", ""),
            actor=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.delete_priority_cell(cell=obj, actor=request.user)


@admin.register(ZoneDesignation)
class ZoneDesignationAdmin(ServiceAdmin):
    list_display = ["code", "name", "name_en"]

    def save_row(self, instance: Any, values: dict[str, Any], actor: Any) -> Any:
        return services.save_designation(designation=instance, values=values, actor=actor)

    def delete_row(self, instance: Any, actor: Any) -> None:
        services.delete_designation(designation=instance, actor=actor)
