"""The OpenAPI schema says what the API really answers (issue 11; ADR 0047)."""

from __future__ import annotations

from typing import Any

import pytest

from hicoop.core.testing import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_setup: Any, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return api_client().get("/api/schema/?format=json").json()


def test_every_operation_documents_the_common_error_body(schema: dict[str, Any]) -> None:
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["code", "message", "details"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("400", "401", "403", "404", "409"):
                body = operation["responses"][status]["content"]["application/json"]
                assert body["schema"] == {"$ref": "#/components/schemas/Error"}, (path, method)


def test_fields_read_through_a_nullable_relation_are_nullable(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["Party"]["properties"]["parent"]["nullable"] is True
    assert components["Field"]["properties"]["parent"]["nullable"] is True
    assert "nullable" not in components["Party"]["properties"]["name"]


def test_enveloped_and_file_answers_are_documented(schema: dict[str, Any]) -> None:
    paths = schema["paths"]
    matrix = paths["/api/v1/priority-matrix/"]["get"]["responses"]["200"]["content"]
    assert matrix["application/json"]["schema"]["$ref"] == "#/components/schemas/PriorityMatrix"
    items = paths["/api/v1/items/"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in items and any("spreadsheetml" in t for t in items)
    template = paths["/api/v1/demands/template/"]["get"]["responses"]["200"]["content"]
    assert list(template) == ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    reports = paths["/api/v1/items/{id}/reports/"]["post"]["responses"]
    assert "201" in reports and "200" not in reports
