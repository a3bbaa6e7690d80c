"""The JSON format of ``hicoop backup``: Django's JSON fixtures, but with datetimes and times to
the microsecond (Django's encoder cuts them to milliseconds, so a restored install would differ
from the original in every timestamp). Any JSON fixture reader loads it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer as Deserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

FORMAT_NAME = "hicoop-backup-json"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time) and o.microsecond:
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # not in django-stubs
        self.json_kwargs["cls"] = ExactEncoder


__all__ = ["FORMAT_NAME", "Deserializer", "ExactEncoder", "Serializer"]
