"""The API docs group operations by domain, with a description per domain and a summary per
operation (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest

from hicoop.config.api_docs import TAGS, tag_of
from hicoop.core.testing import api_client

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = api_client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method in METHODS
    ]


class TestApiDocs:
    def test_every_operation_has_one_declared_tag_and_a_summary(self, schema) -> None:
        declared = {t["name"] for t in TAGS}
        for path, method, op in operations(schema):
            assert len(op.get("tags", [])) == 1, (method, path, op.get("tags"))
            assert op["tags"][0] in declared, (method, path, op["tags"])
            assert op.get("summary", "").strip(), (method, path)

    def test_each_domain_is_described_and_used(self, schema) -> None:
        described = {t["name"]: t.get("description", "") for t in schema["tags"]}
        assert described.keys() == {t["name"] for t in TAGS}
        assert all(len(text) > 20 for text in described.values())
        used = {op["tags"][0] for _path, _method, op in operations(schema)}
        assert used == described.keys()

    def test_operations_land_in_their_domain(self, schema) -> None:
        paths = schema["paths"]
        assert paths["/api/v1/notifications/preferences/"]["put"]["tags"] == ["Notifications"]
        assert paths["/api/v1/demands/"]["get"]["tags"] == ["Listings"]
        assert tag_of("/api/v1/meeting-requests/") == "Meetings"
        assert tag_of("/api/v1/unknown/") == ""
        summary = paths["/api/v1/notifications/preferences/"]["put"]["summary"]
        assert summary == "Change my notification e-mail settings"

    def test_component_names_are_chosen_not_generated(self, schema) -> None:
        # drf-spectacular names a colliding enum <Field><3 hash characters>Enum (Status58aEnum)
        import re

        generated = [
            n
            for n in schema["components"]["schemas"]
            if re.search(r"[a-z][0-9A-F][0-9a-f]{2}Enum$", n)
        ]
        assert generated == []
        assert "NegativeListStatusEnum" in schema["components"]["schemas"]

    def test_the_schema_is_generated_without_warnings(self) -> None:
        from drf_spectacular.drainage import GENERATOR_STATS
        from drf_spectacular.generators import SchemaGenerator

        GENERATOR_STATS.reset()
        SchemaGenerator().get_schema(request=None, public=True)
        assert not GENERATOR_STATS, str(GENERATOR_STATS)
