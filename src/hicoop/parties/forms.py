"""Forms only parse input; the services decide what is valid and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hicoop.core.widgets import PickerField
from hicoop.parties import selectors
from hicoop.parties.choices import PartyKind, PartySubtype
from hicoop.parties.models import Party, ZoneDesignation
from hicoop.parties.services import PartyData
from hicoop.taxonomy.models import Field


def _pk(value: Any) -> int | None:
    """The parent's id from the picker (a value string) or the fixed parent (a party)."""
    if isinstance(value, Party):
        return value.pk
    return int(value) if str(value or "").isdigit() else None


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Chinese name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    short_name = forms.CharField(label=_("short name"), max_length=60, required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=PartyKind.choices)
    subtype = forms.ChoiceField(
        label=_("subtype"), required=False, choices=[("", "—"), *PartySubtype.choices]
    )
    parent = forms.ModelChoiceField(
        label=_("parent"), queryset=Party.objects.none(), required=False
    )
    division_code = forms.CharField(
        label=_("administrative division code"),
        max_length=6,
        required=False,
        help_text=_("Six digits, GB/T 2260, e.g. 460100 for Haikou."),
    )
    credit_code = forms.CharField(
        label=_("unified social credit code"),
        max_length=18,
        required=False,
        help_text=_("18 characters (GB 32100-2015); for units."),
    )
    fields = forms.MultipleChoiceField(
        label=_("fields"), required=False, widget=forms.CheckboxSelectMultiple
    )
    designations = forms.MultipleChoiceField(
        label=_("zone designations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for parks in Hainan."),
    )
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)
    description_en = forms.CharField(
        label=_("English description"), required=False, widget=forms.Textarea
    )
    contact_person = forms.CharField(label=_("contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(
        label=_("contact phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Mobile, landline with area code (0898-66668888), or +86 …"),
    )
    contact_email = forms.EmailField(label=_("contact email"), required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args: Any, user: Any, party: Party | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = selectors.parent_choices(user=user)
        if party is not None:
            # A party never goes under itself or its descendants.
            parents = parents.exclude(path__startswith=party.path)
            if party.parent_id is not None and not parents.filter(pk=party.parent_id).exists():
                # The user edits within their scope: the parent stays where it is.
                self.fields["parent"].queryset = Party.objects.filter(pk=party.parent_id)
                self.fields["parent"].disabled = True
                self.fields["parent"].empty_label = None
                self.fields["parent"].help_text = _("Only the office above this party can move it.")
                parents = None
        if parents is not None:
            self.fields["parent"] = PickerField(
                "parents",
                user=user,
                params={"exclude": str(party.pk)} if party is not None else {},
                label=_("parent"),
                required=False,
            )
        self.fields["fields"].choices = [(f.code, f.display_name) for f in Field.objects.all()]
        self.fields["designations"].choices = [
            (d.code, d.display_name) for d in ZoneDesignation.objects.all()
        ]

    @classmethod
    def initial_for(cls, party: Party) -> dict[str, Any]:
        data = PartyData.from_party(party)
        return {
            **{
                k: getattr(data, k)
                for k in (
                    "name",
                    "name_en",
                    "short_name",
                    "kind",
                    "subtype",
                    "division_code",
                    "credit_code",
                    "description",
                    "description_en",
                    "contact_person",
                    "contact_phone",
                    "contact_email",
                    "website",
                    "is_active",
                )
            },
            "parent": party.parent_id,
            "fields": list(data.field_codes),
            "designations": list(data.designation_codes),
        }

    def values(self) -> dict[str, Any]:
        """Cleaned input in the services' vocabulary."""
        c = self.cleaned_data
        return {
            "name": c["name"],
            "name_en": c["name_en"],
            "short_name": c["short_name"],
            "kind": c["kind"],
            "subtype": c["subtype"],
            "parent_id": _pk(c["parent"]),
            "division_code": c["division_code"],
            "credit_code": c["credit_code"],
            "field_codes": tuple(c["fields"]),
            "designation_codes": tuple(c["designations"]),
            "description": c["description"],
            "description_en": c["description_en"],
            "contact_person": c["contact_person"],
            "contact_phone": c["contact_phone"],
            "contact_email": c["contact_email"],
            "website": c["website"],
            "is_active": c["is_active"],
        }

    def add_service_errors(self, details: dict[str, list[str]]) -> None:
        mapping = {
            "parent_id": "parent",
            "field_codes": "fields",
            "designation_codes": "designations",
        }
        for name, messages in details.items():
            target = mapping.get(name, name)
            for message in messages:
                self.add_error(target if target in self.fields else None, message)


class PartyFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *PartyKind.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Party.objects.none(),
        empty_label=_("All regions"),
    )
    field = forms.ChoiceField(label=_("field"), required=False)
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("1", _("Active")), ("0", _("Inactive"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("tree", _("Hierarchy")),
            ("name", _("Name A→Z")),
            ("-name", _("Name Z→A")),
            ("kind", _("Kind")),
            ("division", _("Division code")),
            ("-updated", _("Recently changed")),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = selectors.region_choices(user=user)
        self.fields["field"].choices = [("", _("All fields"))] + [
            (f.code, f.display_name) for f in Field.objects.all()
        ]

    def filters(self) -> selectors.PartyFilters:
        if not self.is_valid():
            return selectors.PartyFilters()
        c = self.cleaned_data
        active = {"1": True, "0": False}.get(c["active"])
        return selectors.PartyFilters(
            q=c["q"],
            kind=c["kind"],
            region=c["region"].pk if c["region"] else None,
            field=c["field"],
            active=active,
            sort=c["sort"] or "tree",
        )


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand this cannot be undone."), required=True)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea)
