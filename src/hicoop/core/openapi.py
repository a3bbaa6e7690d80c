"""OpenAPI schema additions shared by every app (drf-spectacular post-processing).

Every error the API returns has the body ``{"code", "message", "details"}`` (``core.api``); the
schema says so for every operation and each error status the API may answer with, so clients and
the schema fuzz (issue 11) can rely on it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error: a stable code, a message for people, details by field.",
    "properties": {
        "code": {"type": "string", "example": "validation_error"},
        "message": {"type": "string"},
        "details": {
            "type": "object",
            "additionalProperties": {},
            "description": "By field: the problems found (or facts about the refusal).",
        },
    },
    "required": ["code", "message", "details"],
}

ERROR_STATUSES = {
    "400": "The input is not valid (details by field).",
    "401": "Not signed in, or the token is not valid.",
    "403": "Signed in, but not allowed to do this.",
    "404": "The record does not exist or you may not see it.",
    "405": "This method is not allowed here.",
    "409": "The record's state does not allow this now.",
    "413": "The request is too large.",
    "415": "The request body's media type is not accepted.",
    "429": "Too many requests; please wait and try again.",
}
METHODS = {"get", "post", "put", "patch", "delete"}
# Lists that take ``export=xlsx|csv`` answer with the file instead of JSON (core.export).
EXPORT_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "type": "string",
        "format": "binary",
    },
    "text/csv": {"type": "string"},
}


def _error_response(text: str) -> dict[str, Any]:
    return {
        "description": text,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Document the common error body for every operation and error status not yet documented."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, text in ERROR_STATUSES.items():
                responses.setdefault(status, _error_response(text))
            if any(p.get("name") == "export" for p in operation.get("parameters", [])):
                _add_export_types(responses)
    return result


def _add_export_types(responses: dict[str, Any]) -> None:
    ok = responses.setdefault("200", {"description": ""})
    content = ok.setdefault("content", {})
    for media_type, schema in EXPORT_TYPES.items():
        content.setdefault(media_type, {"schema": schema})


def _nullable_source(field: Any) -> bool:
    """Whether a serializer field reads through a model field or relation that may be null
    (``parent``, ``region.name`` …), so its response value may be ``null``."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*":
        return False
    for part in source.split("."):
        try:
            model_field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if model_field.one_to_many or model_field.many_to_many:
            return False
        if getattr(model_field, "null", False):
            return True
        model = model_field.related_model
        if model is None:
            return False
    return False


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with fields read through nullable model fields marked nullable
    in responses (a declared ``PartyRefSerializer(read_only=True)`` of a parent that may be
    missing is ``null`` then)."""

    def _get_serializer_field_meta(self, field: Any, direction: str) -> dict[str, Any]:
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and "nullable" not in meta and _nullable_source(field):
            meta["nullable"] = True
        return meta


def page_of(serializer: Any, name: str) -> Any:
    """The documented body of a page of ``serializer`` rows (``StandardPagination``'s shape),
    for views that paginate by hand."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name=f"Paginated{name}List",
        fields={
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer(many=True),
        },
    )
