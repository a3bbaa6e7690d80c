"""Writes to accounts: users, memberships and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from hicoop.accounts.choices import Role
from hicoop.accounts.models import Membership
from hicoop.accounts.roles import forget_grants, is_joint_office_admin
from hicoop.core import audit
from hicoop.core.actors import Actor, is_system
from hicoop.core.exceptions import PermissionDenied, ValidationFailed
from hicoop.core.models import AuditAction
from hicoop.parties.models import Party


def _require_admin(actor: Actor) -> None:
    if not is_system(actor) and not is_joint_office_admin(actor):
        raise PermissionDenied(_("Only the joint office manages accounts."))


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    actor: Actor,
    email: str = "",
    full_name: str = "",
    is_superuser: bool = False,
    check_password: bool = True,
) -> AbstractUser:
    """Create a user account (a system actor only for the command line and the demo)."""
    _require_admin(actor)
    user_model = get_user_model()
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [str(_("A user name is required."))]
    elif user_model.objects.filter(username=username).exists():
        errors["username"] = [str(_("This user name is taken."))]
    if check_password:
        try:
            validate_password(password)
        except DjangoValidationError as exc:
            errors["password"] = [str(m) for m in exc.messages]
    if errors:
        raise ValidationFailed(details=errors)
    user = user_model(
        username=username,
        email=email.strip(),
        first_name=full_name.strip(),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.save()
    audit.record(instance=user, actor=actor, action=AuditAction.CREATE)
    return user


@transaction.atomic
def grant_membership(*, user: Any, party: Party, role: str, actor: Actor) -> Membership:
    """Give ``user`` a role at ``party``; granting an existing role changes nothing."""
    _require_admin(actor)
    if role not in Role.values:
        raise ValidationFailed(details={"role": [str(_("Unknown role."))]})
    membership, created = Membership.objects.get_or_create(user=user, party=party, role=role)
    if role == Role.JOINT_OFFICE_ADMIN and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        audit.record(instance=membership, actor=actor, action=AuditAction.CREATE)
    forget_grants(user)
    return membership


@transaction.atomic
def revoke_membership(*, membership: Membership, actor: Actor) -> None:
    _require_admin(actor)
    before = audit.snapshot(membership)
    pk, user = membership.pk, membership.user
    membership.delete()
    membership.pk = pk
    audit.record(instance=membership, actor=actor, action=AuditAction.DELETE, before=before)
    forget_grants(user)


@transaction.atomic
def rotate_api_token(*, user: Any) -> Token:
    """Replace the user's API token with a new one and return it."""
    Token.objects.filter(user=user).delete()
    token: Token = Token.objects.create(user=user)
    return token
