"""Forms of the matching pages; the services validate the values."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hicoop.matchmaking.choices import DeclineReason, RunMode


class RunForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("mode"),
        choices=[
            (RunMode.POINT_TO_POINT, RunMode.POINT_TO_POINT.label),
            (RunMode.MANY_TO_ONE, RunMode.MANY_TO_ONE.label),
        ],
    )
    k = forms.IntegerField(
        label=_("how many partners"), min_value=1, max_value=50, initial=10, required=False
    )
    max_partners = forms.IntegerField(
        label=_("coalition size at most"), min_value=1, max_value=8, initial=3, required=False
    )


class BatchForm(forms.Form):
    year = forms.IntegerField(
        label=_("demands of year (empty: all open)"), min_value=2020, max_value=2100, required=False
    )


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("message"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PartnerInterestForm(InterestForm):
    partner = forms.IntegerField(
        label=_("on behalf of"),
        min_value=1,
        error_messages={"required": _("Choose which of your organisations expresses interest.")},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    reason = forms.ChoiceField(
        label=_("reason for declining"), choices=[("", "—"), *DeclineReason.choices], required=False
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
