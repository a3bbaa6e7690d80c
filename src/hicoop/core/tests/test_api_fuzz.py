"""Schemathesis over the whole OpenAPI schema (issue 11): generated requests — valid and invalid —
as the joint office and as a unit member must never get a server error, every error is JSON, and
every response conforms to the schema: its status code is documented, its content type is the
documented one and its body validates against the documented schema (objects are objects, lists
lists, nullable fields marked so; errors are ``{code, message, details}``).

Bounded: a few examples per operation (``HICOOP_FUZZ_EXAMPLES``, default 3), no shrinking, no
stored database of examples. Marker ``fuzz``; run alone with ``-m fuzz``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("HICOOP_FUZZ_EXAMPLES", "3"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _token(username: str) -> str:
    from rest_framework.authtoken.models import Token

    from hicoop.core.testing import user

    return Token.objects.get_or_create(user=user(username))[0].key


def _content_type(response: Any) -> str:
    for name, value in response.headers.items():
        if name.lower() == "content-type":
            return str(value[0] if isinstance(value, list) else value)
    return ""


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """The WSGI app closes "old" connections around each request; inside the test transaction
    that would close it (on PostgreSQL). Django's test client disconnects these handlers too."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _violations(case: Any, response: Any) -> str:
    """What the schema checks found wrong with one response ("" when it conforms)."""
    try:
        case.validate_response(response, checks=CHECKS)
    except (AssertionError, BaseExceptionGroup) as exc:  # the failures, described in the message
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return " | ".join(line for line in lines if not line.startswith(("curl", "Reproduce")))[
            :600
        ]
    return ""


def test_no_server_error_or_schema_violation_anywhere(keep_test_connection: None) -> None:
    from hicoop.config.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    headers = {u: {"Authorization": f"Token {_token(u)}"} for u in ("office", "unit-haikou")}
    failures: list[str] = []
    operations = 0

    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid operation raises
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            if case.method.upper() == "DELETE":
                case.query = {**(case.query or {}), "reason": "fuzz"}
            for username, auth in headers.items():  # the joint office and a unit member
                response = case.call(headers=auth)
                kind = _content_type(response)
                problem = _violations(case, response)
                if problem or (
                    response.status_code >= 400 and not kind.startswith("application/json")
                ):
                    failures.append(
                        f"{username} {case.method} {case.formatted_path}: {response.status_code} "
                        f"{kind} {problem}"
                    )

        check()
    assert operations > 50
    assert failures == [], "\n".join(sorted(set(failures)))
