"""Login, logout and the user's own page (roles, API token)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from hicoop.accounts import services


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
