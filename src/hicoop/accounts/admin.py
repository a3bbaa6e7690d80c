from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.accounts import services
from hicoop.accounts.models import Membership
from hicoop.core.admin_access import JointOfficeAdmin


@admin.register(Membership)
class MembershipAdmin(JointOfficeAdmin):
    list_display = ["user", "party", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "party__name"]
    autocomplete_fields = ["party"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            services.revoke_membership(
                membership=Membership.objects.get(pk=obj.pk), actor=request.user
            )
        created = services.grant_membership(
            user=obj.user, party=obj.party, role=obj.role, actor=request.user
        )
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.revoke_membership(membership=obj, actor=request.user)
