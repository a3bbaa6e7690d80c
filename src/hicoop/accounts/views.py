"""Login, logout and the user's own page (roles, API token)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from hicoop.accounts import roles, services
from hicoop.accounts.forms import (
    GrantForm,
    NoticeSettingsForm,
    PasswordChangeForm,
    UserCreateForm,
)
from hicoop.accounts.models import Membership
from hicoop.core import audit, notice_preferences
from hicoop.core.exceptions import HicoopError, ValidationFailed
from hicoop.core.pages import error_text
from hicoop.core.paging import paginate
from hicoop.parties.models import Party


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("party")  # type: ignore[union-attr]
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"memberships": memberships, "token": token})


@login_required
@require_POST
def rotate_token(request: HttpRequest) -> HttpResponse:
    services.rotate_api_token(user=request.user)
    messages.success(request, _("A new API token was issued; the old one no longer works."))
    return redirect("accounts:profile")


def _office_only(request: HttpRequest) -> HttpResponse | None:
    if roles.is_joint_office_admin(request.user):
        return None
    return render(
        request,
        "core/error.html",
        {"title": _("Not allowed"), "message": _("Only the joint office manages accounts.")},
        status=403,
    )


def _form_errors(form: Any, exc: ValidationFailed) -> None:
    for name, problems in exc.details.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_own_password(
                user=request.user,
                old=form.cleaned_data["old_password"],
                new=form.cleaned_data["new_password"],
            )
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your password was changed."))
            return redirect("accounts:profile")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/password.html", {"form": form}, status=status)


def _notice_initial(request: HttpRequest) -> dict[str, Any]:
    found = notice_preferences.preference_of(request.user)
    muted = set(found.muted_kinds)
    return {
        "email_enabled": found.email_enabled,
        "language": found.language,
        "kinds": [k for k, _label in notice_preferences.email_kinds() if k not in muted],
    }


@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    """Which notifications are e-mailed (a daily digest), in which language; in-app shows all."""
    kinds = notice_preferences.email_kinds()
    form = NoticeSettingsForm(request.POST or None, kinds=kinds, initial=_notice_initial(request))
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            notice_preferences.save_preferences(
                user=request.user,
                actor=request.user,
                email_enabled=c["email_enabled"],
                language=c["language"],
                muted_kinds=[k for k, _label in kinds if k not in set(c["kinds"])],
            )
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your notification settings were saved."))
            return redirect("accounts:notice-settings")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/notice_settings.html", {"form": form}, status=status)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    if (denied := _office_only(request)) is not None:
        return denied
    q = request.GET.get("q", "").strip()[:100]
    users = get_user_model().objects.prefetch_related("memberships__party").order_by("username")
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(memberships__party__name__icontains=q)
        ).distinct()
    page, query = paginate(request, users, 30)
    return render(request, "accounts/users.html", {"page": page, "query": query, "q": q})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    if (denied := _office_only(request)) is not None:
        return denied
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        party = Party.objects.filter(pk=c["party"]).first()
        try:
            with transaction.atomic():
                password = services._generated_password()
                user = services.create_user(
                    username=c["username"],
                    password=password,
                    actor=request.user,
                    email=c["email"],
                    full_name=c["full_name"],
                )
                if party is None:
                    raise ValidationFailed(details={"party": [_("Choose a party.")]})
                services.grant_membership(
                    user=user, party=party, role=c["role"], actor=request.user
                )
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Account %(user)s created. First password (hand it over; shown once): %(pw)s")
                % {"user": user.username, "pw": password},
            )
            return redirect("accounts:user", pk=user.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/user_form.html", {"form": form}, status=status)


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if (denied := _office_only(request)) is not None:
        return denied
    account = get_object_or_404(get_user_model(), pk=pk)
    grant = GrantForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "grant" and grant.is_valid():
                party = get_object_or_404(Party, pk=grant.cleaned_data["party"])
                services.grant_membership(
                    user=account, party=party, role=grant.cleaned_data["role"], actor=request.user
                )
                messages.success(request, _("The role was granted."))
            elif action == "revoke":
                membership = get_object_or_404(
                    Membership, pk=request.POST.get("membership", 0), user=account
                )
                services.revoke_membership(membership=membership, actor=request.user)
                messages.success(request, _("The role was removed."))
            elif action in ("deactivate", "activate"):
                services.set_active(user=account, active=action == "activate", actor=request.user)
                messages.success(request, _("Your changes were saved."))
            elif action == "reset":
                password = services.reset_password(user=account, actor=request.user)
                messages.success(
                    request,
                    _("New password for %(user)s (hand it over; shown once): %(pw)s")
                    % {"user": account.username, "pw": password},
                )
            else:
                messages.error(request, _("Nothing was changed."))
        except HicoopError as exc:
            messages.error(request, error_text(exc))
        return redirect("accounts:user", pk=account.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "memberships": account.memberships.select_related("party"),
            "grant": grant,
            "history": audit.history_for(account)[:30],
        },
    )
