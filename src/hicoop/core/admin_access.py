"""Admin access by role: joint-office administrators manage the mechanism's records in the admin
without per-model Django permissions (those stay for superusers and special cases)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hicoop.accounts.roles import is_joint_office_admin


class JointOfficeAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_joint_office_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_joint_office_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_joint_office_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_joint_office_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_joint_office_admin(request.user)
