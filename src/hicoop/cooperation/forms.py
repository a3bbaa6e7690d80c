"""Forms of the cooperation pages. They only collect input; the services validate it.

Indicators are entered as one target per standard kind; milestones as rows of a formset
(title, due date, done, remove), each existing row carrying its milestone's id so that saving
updates it in place; parties are picked with the searchable picker (``core.widgets``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hicoop.cooperation.choices import (
    DEFAULT_UNITS,
    ActivityKind,
    IndicatorKind,
    ItemStatus,
    Origin,
    PlatformKind,
    PlatformStatus,
    ResultKind,
    TaskStatus,
)
from hicoop.cooperation.milestone_rows import MilestoneRows
from hicoop.cooperation.models import CooperationItem, Pairing
from hicoop.cooperation.selectors import ITEM_SORTS, ItemFilters
from hicoop.core.templatetags.hicoop_people import indicator_name, unit_text
from hicoop.core.widgets import PickerField
from hicoop.listings.choices import CooperationMode
from hicoop.parties.models import Party
from hicoop.taxonomy.models import Field, Measure

STANDARD_KINDS = [k for k in IndicatorKind if k != IndicatorKind.OTHER]
PARTY_HELP = _("Type part of a name and pick; several allowed.")
MILESTONE_ROWS_MAX = 60


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


def _int_or_none(value: Any) -> int | None:
    return int(value) if str(value or "").isdigit() else None


class ItemFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    status = forms.ChoiceField(
        required=False, label=_("status"), choices=_blank(ItemStatus.choices)
    )
    measure = forms.ChoiceField(required=False, label=_("measure"))
    field = forms.ChoiceField(required=False, label=_("field"))
    region = forms.ChoiceField(required=False, label=_("region"))
    year = forms.IntegerField(required=False, label=_("start year"), min_value=2020, max_value=2100)
    mode = forms.ChoiceField(
        required=False, label=_("cooperation mode"), choices=_blank(CooperationMode.choices)
    )
    origin = forms.ChoiceField(required=False, label=_("origin"), choices=_blank(Origin.choices))
    sort = forms.ChoiceField(
        required=False,
        label=_("sort"),
        choices=[
            ("", _("Recently changed")),
            ("number", _("Number")),
            ("-progress", _("Progress, highest first")),
            ("progress", _("Progress, lowest first")),
            ("-year", _("Newest year first")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = _blank([(m.number, str(m)) for m in Measure.objects.all()])
        self.fields["field"].choices = _blank(
            [(f.code, f.display_name) for f in Field.objects.all()]
        )
        regions = Party.objects.filter(parent__isnull=True, kind="region").order_by("path")
        self.fields["region"].choices = _blank([(p.pk, p.display_name) for p in regions])

    def filters(self) -> ItemFilters:
        if not self.is_bound or not self.is_valid():
            return ItemFilters()
        d = self.cleaned_data
        return ItemFilters(
            q=d["q"].strip(),
            status=d["status"],
            measure=_int_or_none(d["measure"]),
            field=d["field"],
            region=_int_or_none(d["region"]),
            year=d["year"],
            mode=d["mode"],
            origin=d["origin"],
            sort=d["sort"] if d["sort"] in ITEM_SORTS else "",
        )


class ItemForm(forms.Form):
    """Create or adjust an item's content."""

    title = forms.CharField(label=_("title"), max_length=200, required=False)
    measure = forms.ChoiceField(label=_("measure"), required=False)
    mode = forms.ChoiceField(
        label=_("cooperation mode"), choices=_blank(CooperationMode.choices), required=False
    )
    fields_ = forms.MultipleChoiceField(
        label=_("fields"), required=False, widget=forms.CheckboxSelectMultiple
    )
    goals = forms.CharField(
        label=_("goals"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    hainan_lead = forms.CharField(label=_("responsible person (Hainan)"), required=False)
    hainan_lead_contact = forms.CharField(label=_("contact (Hainan)"), required=False)
    partner_lead = forms.CharField(label=_("responsible person (partner)"), required=False)
    partner_lead_contact = forms.CharField(label=_("contact (partner)"), required=False)
    pairing = forms.ChoiceField(label=_("park pairing"), required=False)

    def __init__(
        self,
        *args: Any,
        user: Any,
        item: CooperationItem | None = None,
        adjusting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.adjusting = adjusting
        self._party_pickers(user)
        self.fields["measure"].choices = _blank([(m.number, str(m)) for m in Measure.objects.all()])
        self.fields["fields_"].choices = [(f.code, f.display_name) for f in Field.objects.all()]
        self.fields["pairing"].choices = _blank(
            [(p.key, p.display_title) for p in Pairing.objects.all()]
        )
        for kind in STANDARD_KINDS:
            label = f"{IndicatorKind(kind).label} ({DEFAULT_UNITS[kind]})"
            self.fields[f"target_{kind}"] = forms.DecimalField(
                label=label, required=False, min_value=0
            )
        if adjusting:
            self.fields["year"] = forms.IntegerField(
                label=_("applies from year"), min_value=2020, max_value=2100
            )
            self.fields["reason"] = forms.CharField(
                label=_("reason"), widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields["decision_ref"] = forms.CharField(
                label=_("decision"), required=False, max_length=200
            )
        else:
            self.fields["year"] = forms.IntegerField(
                label=_("start year"), min_value=2020, max_value=2100, required=False
            )
        if item is not None and not self.is_bound:
            self.initial.update(self.initial_from(item))
        self.milestone_rows = MilestoneRows(
            self.data if self.is_bound else None,
            prefix="milestones",
            initial=MilestoneRows.initial_from(item) if item is not None else [],
        )

    def _party_pickers(self, user: Any) -> None:
        fields = dict(self.fields)
        self.fields.clear()
        for name, field in fields.items():
            self.fields[name] = field
            if name == "fields_":
                for side, label in (("hainan", _("Hainan side")), ("partner", _("Partner side"))):
                    self.fields[f"{side}_parties"] = PickerField(
                        "parties",
                        user=user,
                        multiple=True,
                        params={"side": side},
                        label=label,
                        required=False,
                        help_text=PARTY_HELP,
                    )

    def is_valid(self) -> bool:
        own = super().is_valid()
        return self.milestone_rows.is_valid() and own

    @staticmethod
    def initial_from(item: CooperationItem) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": item.title,
            "measure": item.measure.number,
            "mode": item.mode,
            "fields_": list(item.fields.values_list("code", flat=True)),
            "hainan_parties": [p.pk for p in item.hainan_parties],
            "partner_parties": [p.pk for p in item.partner_parties],
            "goals": item.goals,
            "hainan_lead": item.hainan_lead,
            "hainan_lead_contact": item.hainan_lead_contact,
            "partner_lead": item.partner_lead,
            "partner_lead_contact": item.partner_lead_contact,
            "pairing": item.pairing.key if item.pairing_id else "",
            "year": dt.date.today().year + 1,
        }
        for indicator in item.indicators.all():
            initial[f"target_{indicator.kind}"] = indicator.target
        return initial

    def raw(self, item: CooperationItem | None = None) -> dict[str, Any]:
        """Service input; only the indicators shown here are replaced, others are kept."""
        d = self.cleaned_data
        raw: dict[str, Any] = {
            "title": d["title"],
            "measure": d["measure"],
            "mode": d["mode"],
            "fields": d["fields_"],
            "hainan_parties": d["hainan_parties"],
            "partner_parties": d["partner_parties"],
            "goals": d["goals"],
            "hainan_lead": d["hainan_lead"],
            "hainan_lead_contact": d["hainan_lead_contact"],
            "partner_lead": d["partner_lead"],
            "partner_lead_contact": d["partner_lead_contact"],
            "pairing": d["pairing"],
        }
        existing = {i.kind: i for i in item.indicators.all()} if item else {}
        indicators = []
        for kind in STANDARD_KINDS:
            target = d.get(f"target_{kind}")
            if target is not None and target > 0:
                old = existing.get(kind)
                indicators.append(
                    {
                        "code": old.code if old else kind,
                        "kind": kind,
                        "target": str(target),
                        "name": old.name if old else "",
                        "unit": old.unit if old else None,
                    }
                )
        if item is not None:
            indicators += [
                {
                    "code": i.code,
                    "kind": i.kind,
                    "name": i.name,
                    "unit": i.unit,
                    "target": str(i.target),
                    "weight": str(i.weight),
                }
                for i in item.indicators.all()
                if i.kind not in STANDARD_KINDS
            ]
        raw["indicators"] = indicators
        raw["milestones"] = self.milestone_rows.rows()
        if not self.adjusting and d.get("year"):
            raw["year"] = d["year"]
        if self.adjusting:
            raw = {
                k: v
                for k, v in raw.items()
                if v not in ("", [], None) or k in {"goals", "milestones", "pairing", "fields"}
            }
        return raw

    def add_service_errors(self, details: dict[str, list[str]]) -> None:
        names = {"fields": "fields_"}
        for name, messages in details.items():
            if name.startswith("milestones"):
                self.milestone_rows.add_service_errors(name, messages)
                continue
            target = names.get(name, name.split(".")[0])
            if target not in self.fields:
                target = None  # type: ignore[assignment]
            for message in messages:
                self.add_error(target, f"{name}: {message}" if "." in name else message)


class ReportForm(forms.Form):
    as_of = forms.DateField(
        label=_("as of"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    text = forms.CharField(label=_("report"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, record: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = (
            list(record.indicators.all()) if isinstance(record, CooperationItem) else []
        )
        for indicator in self.indicators:
            self.fields[f"value_{indicator.code}"] = forms.DecimalField(
                label=f"{indicator_name(indicator)} ({unit_text(indicator.unit)}, {_('target')} "
                f"{indicator.target.normalize():f})",
                required=False,
                min_value=0,
                initial=indicator.actual,
            )
        open_milestones = [m for m in record.milestones.all() if m.done_on is None]
        self.fields["milestones_done"] = forms.MultipleChoiceField(
            label=_("milestones done"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(m.pk, f"{m.due_on:%Y-%m-%d} {m.title}") for m in open_milestones],
        )
        if not self.is_bound:
            self.initial["as_of"] = dt.date.today()

    def values(self) -> dict[str, Any]:
        return {
            i.code: self.cleaned_data[f"value_{i.code}"]
            for i in self.indicators
            if self.cleaned_data.get(f"value_{i.code}") is not None
        }


class TaskFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    status = forms.ChoiceField(
        required=False, label=_("status"), choices=_blank(TaskStatus.choices)
    )
    mine = forms.BooleanField(required=False, label=_("Only tasks I follow"))


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=PlatformKind.choices)
    status = forms.ChoiceField(label=_("status"), choices=PlatformStatus.choices)
    built_on = forms.DateField(
        label=_("opened on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActivityForm(forms.Form):
    held_on = forms.DateField(
        label=_("date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    participants = forms.IntegerField(label=_("participants"), required=False, min_value=0)
    talents = forms.IntegerField(label=_("young talents to Hainan"), required=False, min_value=0)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResultForm(forms.Form):
    achieved_on = forms.DateField(
        label=_("date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("kind"), choices=ResultKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
