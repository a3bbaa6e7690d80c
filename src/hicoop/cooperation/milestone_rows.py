"""Milestones edited as rows: title, due date, done, remove — one row per milestone.

Each existing row carries its milestone's id (hidden), so saving updates that milestone in place
(its history and done date stay); a removed row deletes it; a new row adds one. Empty extra rows
are the way to add rows without scripts; ``rows.js`` adds more on demand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hicoop.cooperation.models import CooperationItem

MAX_ROWS = 60
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MilestoneRow(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    title = forms.CharField(label=_("title"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("due on"),
        required=False,
        widget=DATE_INPUT,
        input_formats=["%Y-%m-%d"],
    )
    done = forms.BooleanField(label=pgettext_lazy("milestone", "done"), required=False)
    done_on = forms.DateField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE"):
            return data
        if not (data.get("title") or "").strip() and "title" not in self.errors:
            self.add_error("title", _("A milestone needs a title."))
        if data.get("due_on") is None and "due_on" not in self.errors:
            self.add_error("due_on", _("Give the due date (YYYY-MM-DD)."))
        elif data.get("due_on") and not dt.date(2000, 1, 1) <= data["due_on"] <= dt.date(
            2100, 12, 31
        ):
            self.add_error("due_on", _("Enter a date between 2000 and 2100."))
        return data

    def row(self, today: dt.date) -> dict[str, Any]:
        d = self.cleaned_data
        row: dict[str, Any] = {"title": d["title"].strip(), "due_on": d["due_on"].isoformat()}
        if d.get("id"):
            row["id"] = d["id"]
        row["done_on"] = (d.get("done_on") or today).isoformat() if d.get("done") else None
        return row


BaseRows = forms.formset_factory(
    MilestoneRow,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


class MilestoneRows(BaseRows):  # type: ignore[valid-type,misc]
    @staticmethod
    def initial_from(item: CooperationItem) -> list[dict[str, Any]]:
        return [
            {
                "id": m.pk,
                "title": m.title,
                "due_on": m.due_on,
                "done": m.done_on is not None,
                "done_on": m.done_on,
            }
            for m in item.milestones.all()
        ]

    def kept(self) -> list[MilestoneRow]:
        """The rows that become milestones: filled in and not marked for removal."""
        return [
            f
            for f in self.forms
            if f.has_changed() or f.initial
            if not f.cleaned_data.get("DELETE") and f.cleaned_data.get("title")
        ]

    def rows(self) -> list[dict[str, Any]]:
        today = dt.date.today()
        return [f.row(today) for f in self.kept()]

    def add_service_errors(self, name: str, messages: list[str]) -> None:
        """``milestones.3`` is the third kept row; other keys go to the whole set."""
        _head, _dot, number = name.partition(".")
        kept = self.kept()
        index = int(number) - 1 if number.isdigit() else -1
        target = kept[index] if 0 <= index < len(kept) else None
        for message in messages:
            if target is not None:
                target.add_error(None, message)
            else:
                self.non_form_errors().append(message)
