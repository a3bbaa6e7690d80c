"""Account forms: they parse input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hicoop.accounts.choices import Role
from hicoop.parties.models import Party


def _party_choices() -> list[tuple[Any, str]]:
    return [("", "—")] + [
        (p.pk, p.display_name) for p in Party.objects.filter(is_active=True).order_by("path")
    ]


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("user name"), max_length=150)
    full_name = forms.CharField(label=_("full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    party = forms.TypedChoiceField(label=_("party"), coerce=int, choices=())
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices()
        self.fields["party"].widget.attrs["data-search"] = "1"


class GrantForm(forms.Form):
    party = forms.TypedChoiceField(label=_("party"), coerce=int, choices=())
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = _party_choices()
        self.fields["party"].widget.attrs["data-search"] = "1"


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("current password"), widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("new password"), widget=forms.PasswordInput)


class NoticeSettingsForm(forms.Form):
    """Notification e-mail choices; kinds are listed unticked when left out of e-mail."""

    email_enabled = forms.BooleanField(label=_("send me a daily e-mail digest"), required=False)
    language = forms.ChoiceField(label=_("language of e-mails"), choices=settings.LANGUAGES)
    kinds = forms.MultipleChoiceField(
        label=_("notifications to e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = kinds
