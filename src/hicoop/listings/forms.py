"""Forms built from the attribute declarations in ``records``; the services do the validation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hicoop.core.widgets import PickerField
from hicoop.listings import records, selectors
from hicoop.listings.choices import (
    CooperationMode,
    IpType,
    ListingKind,
    ListingStatus,
    Maturity,
    TransferMode,
)
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, Measure

CHOICE_LABELS = {
    "mode": CooperationMode.choices,
    "maturity": Maturity.choices,
    "ip_type": IpType.choices,
    "transfer_modes": TransferMode.choices,
}
PHONE_INPUT = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "maxlength": "40"})
PHONE_HELP = _("Mobile, landline with area code (0898-66668888), or +86 …")
LIST_HELP = _("Separate several values with ； or a new line.")


def _form_field(attr: records.Attr, user: Any, kind: str) -> forms.Field:
    common: dict[str, Any] = {"required": False}
    if attr.name == "owner":
        return PickerField("owners", user=user, params={"kind": kind}, **common)
    if attr.name == "industries":
        return PickerField("industries", user=user, multiple=True, **common)
    if attr.name == "fields":
        return forms.MultipleChoiceField(
            choices=[(f.code, f.display_name) for f in Field.objects.all()],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if attr.name in ("preferred_regions", "regions_served"):
        regions = Party.objects.filter(kind="region", is_active=True).order_by("path")
        return forms.MultipleChoiceField(
            choices=[(p.pk, p.display_name) for p in regions],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if attr.name == "measure":
        return forms.ChoiceField(
            choices=[("", "—")] + [(m.number, str(m)) for m in Measure.objects.all()], **common
        )
    if attr.name in CHOICE_LABELS:
        field_class = forms.MultipleChoiceField if attr.type == "choices" else forms.ChoiceField
        widget = forms.CheckboxSelectMultiple if attr.type == "choices" else forms.Select
        blank = [] if attr.type == "choices" else [("", "—")]
        return field_class(choices=blank + list(CHOICE_LABELS[attr.name]), widget=widget, **common)
    if attr.type == "longtext":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), **common)
    if attr.type == "phone":
        return forms.CharField(widget=PHONE_INPUT, help_text=PHONE_HELP, **common)
    if attr.type == "date":
        return forms.CharField(
            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), **common
        )
    if attr.type in ("list", "refs"):
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 2}), help_text=LIST_HELP, **common
        )
    return forms.CharField(**common)


LABELS = {
    "external_id": _("external id"),
    "title": _("title"),
    "owner": _("owner"),
    "description": _("description"),
    "measure": _("measure"),
    "mode": _("cooperation mode"),
    "required_capabilities": _("required capabilities"),
    "preferred_regions": _("preferred partner regions"),
    "budget_min": _("budget from (10k yuan)"),
    "budget_max": _("budget up to (10k yuan)"),
    "starts_on": _("desired start"),
    "fields": _("fields"),
    "industries": _("GB/T 4754 codes"),
    "ends_on": _("end date"),
    "contact_person": _("contact person"),
    "contact_phone": _("contact phone"),
    "contact_email": _("contact email"),
    "tags": _("capability tags"),
    "capacity": _("capacity (concurrent cooperations)"),
    "regions_served": _("regions served"),
    "abstract": _("abstract"),
    "keywords": _("keywords"),
    "registration_number": _("registration number"),
    "maturity": _("maturity"),
    "ip_type": _("IP type"),
    "ip_numbers": _("IP numbers"),
    "transfer_modes": _("transfer modes"),
    "price_min": _("price from (10k yuan)"),
    "price_max": _("price up to (10k yuan)"),
}


class ListingForm(forms.Form):
    def __init__(self, *args: Any, kind: str, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for attr in records.attrs(kind):
            self.fields[attr.name] = _form_field(attr, user, kind)
            self.fields[attr.name].label = LABELS.get(attr.name, attr.name)
            if attr.required:
                self.fields[attr.name].widget.attrs["required"] = "required"

    @classmethod
    def initial_for(cls, listing: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for attr in records.attrs(listing.kind):
            value = getattr(listing, attr.name)
            if attr.name == "owner":
                out[attr.name] = value.pk
            elif attr.name == "measure":
                out[attr.name] = value.number if value else ""
            elif attr.name == "fields":
                out[attr.name] = [f.code for f in value.all()]
            elif attr.name == "industries":
                out[attr.name] = [i.code for i in value.all()]
            elif attr.name in ("preferred_regions", "regions_served"):
                out[attr.name] = [p.pk for p in value.all()]
            elif attr.type == "list":
                out[attr.name] = "；".join(value or [])
            elif attr.type == "choices":
                out[attr.name] = list(value or [])
            else:
                out[attr.name] = "" if value is None else value
        return out

    def raw(self, *, only_changed: bool = False) -> dict[str, Any]:
        """Input for the services; on edits only what the user changed."""
        data = dict(self.cleaned_data)
        if only_changed:
            data = {k: v for k, v in data.items() if k in self.changed_data}
        return data

    def add_service_errors(self, details: dict[str, list[str]]) -> None:
        for name, messages in details.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    field = forms.ChoiceField(label=_("field"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ListingStatus.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("", _("Relevance / newest")),
            ("-updated", _("Recently changed")),
            ("ends_on", _("End date")),
            ("title", _("Title")),
        ],
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [
            (f.code, f.display_name) for f in Field.objects.all()
        ]
        regions = Party.objects.filter(kind="region", is_active=True).order_by("path")
        self.fields["region"].choices = [("", _("All regions"))] + [
            (str(p.pk), p.display_name) for p in regions
        ]
        if kind == ListingKind.DEMAND:
            self.fields["measure"] = forms.ChoiceField(
                label=_("measure"),
                required=False,
                choices=[("", _("All measures"))]
                + [(str(m.number), str(m)) for m in Measure.objects.all()],
            )
            self.fields["mode"] = forms.ChoiceField(
                label=_("cooperation mode"),
                required=False,
                choices=[("", _("All modes")), *CooperationMode.choices],
            )

    def show_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Each facet option's label followed by how many records it leaves, e.g. 海洋 (3)."""
        for name, by_value in counts.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.choices = [
                (value, f"{label} ({by_value.get(str(value), 0)})" if value else label)
                for value, label in field.choices
            ]

    def filters(self) -> selectors.ListingFilters:
        if not self.is_valid():
            return selectors.ListingFilters()
        c = self.cleaned_data

        def number(name: str) -> int | None:
            value = c.get(name) or ""
            return int(value) if str(value).isdigit() else None

        return selectors.ListingFilters(
            q=c["q"],
            field=c["field"],
            region=number("region"),
            measure=number("measure"),
            mode=c.get("mode", ""),
            status=c["status"],
            sort=c["sort"],
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RenewForm(forms.Form):
    ends_on = forms.DateField(
        label=_("new end date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel or CSV file"))
