"""The searchable picker: a text box that looks options up as one types and picks them.

Rendered as the chosen options (checked boxes, unticked to remove), a search box and a result
list. With scripts (htmx, vendored, and ``picker.js``) the search box asks ``core:pick`` after a
short pause and ticking a result moves it to the chosen ones. Without scripts the typed text is
submitted: one match is picked, several are shown as boxes to tick, none is a clear error. A
failed form shows again what was chosen (with its label) and what was typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hicoop.core import pickers

QUERY_SUFFIX = "__q"


@dataclass
class Picked:
    """What a picker submitted: the chosen values and the text left in the search box."""

    values: list[str] = field(default_factory=list)
    typed: str = ""


def _as_picked(value: Any) -> Picked:
    if isinstance(value, Picked):
        return value
    if value in (None, ""):
        return Picked()
    if isinstance(value, list | tuple):
        return Picked([str(v) for v in value if v not in (None, "")])
    return Picked([str(getattr(value, "pk", value))])


class Picker(forms.Widget):
    template_name = "core/widgets/picker.html"

    class Media:
        js = ("hicoop/vendor/htmx.org/htmx.min.js", "hicoop/picker.js")

    def __init__(self, source: str, *, multiple: bool = False, attrs: Any = None) -> None:
        super().__init__(attrs)
        self.source_name = source
        self.multiple = multiple
        self.user: Any = None
        self.params: dict[str, str] = {}

    @property
    def source(self) -> pickers.QuerySource:
        found = pickers.source(self.source_name)
        if found is None:
            raise LookupError(f"no picker source {self.source_name!r}")
        return found

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Picked:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if not isinstance(values, list | tuple):
            values = [values]
        typed = str(data.get(name + QUERY_SUFFIX) or "")[: pickers.MAX_QUERY * 2]
        return Picked([str(v) for v in values if str(v).strip()], typed.strip())

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + QUERY_SUFFIX not in data

    def lookup_url(self, name: str) -> str:
        query = {"field": name, **self.params}
        return reverse("core:pick", args=[self.source_name]) + "?" + urlencode(query)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        picked = _as_picked(value)
        chosen = self.source.chosen(self.user, picked.values, self.params)
        shown = {o.value for o in chosen}
        suggestions = []
        if picked.typed:
            found = self.source.search(self.user, picked.typed, self.params)
            suggestions = [o for o in found if o.value not in shown]
        context["widget"].update(
            {
                "chosen": chosen,
                "typed": picked.typed,
                "suggestions": suggestions,
                "searched": bool(picked.typed),
                "multiple": self.multiple,
                "url": self.lookup_url(name),
                "query_name": name + QUERY_SUFFIX,
                "max_query": pickers.MAX_QUERY,
                "limit": pickers.MAX_RESULTS,
            }
        )
        return context


class PickerField(forms.Field):
    """One value (or a list with ``multiple``) the user may choose from a picker source.

    ``clean`` returns the value string (``""`` when none) or the list of value strings.
    """

    default_error_messages = {
        "no_match": _("No match for “%(typed)s”; type part of a name or a code and pick."),
        "several": _("Several match “%(typed)s”; tick the one you mean."),
        "not_allowed": _("You cannot choose that here; type and pick from the list."),
        "one": _("Pick only one."),
        "long": _("Type at most %(n)d characters."),
    }

    def __init__(
        self,
        source: str,
        *,
        user: Any,
        multiple: bool = False,
        params: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", Picker(source, multiple=multiple))
        super().__init__(**kwargs)
        self.multiple = multiple
        self.widget.user = user
        self.widget.params = dict(params or {})

    def to_python(self, value: Any) -> Any:
        picked = _as_picked(value)
        widget = self.widget
        chosen = widget.source.chosen(widget.user, picked.values, widget.params)
        refused = set(picked.values) - {o.value for o in chosen}
        if refused:
            raise forms.ValidationError(self.error_messages["not_allowed"])
        values = [o.value for o in chosen] + self._resolve(picked.typed)
        values = list(dict.fromkeys(values))
        if not self.multiple and len(values) > 1:
            raise forms.ValidationError(self.error_messages["one"])
        if self.multiple:
            return values
        return values[0] if values else ""

    def _resolve(self, typed: str) -> list[str]:
        """The one option the typed text names (no scripts, or typed without picking)."""
        if not typed:
            return []
        if len(typed) > pickers.MAX_QUERY:
            raise forms.ValidationError(self.error_messages["long"] % {"n": pickers.MAX_QUERY})
        widget = self.widget
        found = widget.source.search(widget.user, typed, widget.params)
        exact = [o for o in found if typed in (o.label, o.value, o.detail)]
        if len(found) == 1 or len(exact) == 1:
            return [(exact or found)[0].value]
        key = "several" if found else "no_match"
        raise forms.ValidationError(self.error_messages[key] % {"typed": typed})

    def validate(self, value: Any) -> None:
        if self.required and value in ("", []):
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        before = _as_picked(initial).values
        after = _as_picked(data)
        return bool(after.typed) or sorted(before) != sorted(after.values)
