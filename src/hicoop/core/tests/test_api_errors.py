"""Every API error is a clear client error in JSON ``{code, message, details}``, never a 500 or an
HTML page (issue 11): each case below returned 500 before."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hicoop.core.testing import api_client, party

pytestmark = pytest.mark.django_db


def _json_error(response: Any, status: int | tuple[int, ...]) -> dict[str, Any]:
    wanted = status if isinstance(status, tuple) else (status,)
    assert response.status_code in wanted, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) == {"code", "message", "details"}
    assert body["message"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/demands/abc/",
        "/api/v1/parties/abc/",
        "/api/v1/demands/99999999999999999999999999/",
        "/api/v1/parties/%C2%B2/",
    ],
)
def test_path_ids_that_are_not_numbers_are_client_errors(path: str) -> None:
    # Given an office client; When it asks for a record by an id that is no database id
    response = api_client("office").get(path)
    # Then it gets 400 or 404 in JSON
    _json_error(response, (400, 404))


@pytest.mark.parametrize("value", ["²", "፩", "1" * 30, "-1", "1e5"])
def test_odd_numbers_in_filters_are_client_errors(value: str) -> None:
    response = api_client("office").get("/api/v1/parties/", {"region": value})
    assert response.status_code in (200, 400), response.content[:300]
    if response.status_code == 400:
        _json_error(response, 400)


def test_unknown_api_path_is_json_404() -> None:
    _json_error(api_client().get("/api/v1/no-such-thing/"), 404)


def test_deleting_a_party_that_owns_records_is_a_conflict() -> None:
    # Given a party that other records point to (a park with its units and members)
    owner = party("haikou-hitech")
    # When the office deletes it
    response = api_client("office").delete(f"/api/v1/parties/{owner.pk}/?reason=test")
    # Then it is refused with 409 and nothing is deleted
    body = _json_error(response, (400, 409))
    assert body["code"] in {"protected", "conflict", "validation_error"}


def test_json_nested_thousands_deep_is_a_client_error() -> None:
    deep = "[" * 5000 + "]" * 5000
    response = api_client("office").post(
        "/api/v1/demands/", data=deep, content_type="application/json"
    )
    _json_error(response, 400)


def test_a_search_of_six_hundred_words_is_answered() -> None:
    words = " ".join(f"词{i} word{i}" for i in range(600))
    response = api_client("office").get("/api/v1/demands/", {"q": words})
    assert response.status_code == 200, response.content[:300]


def test_nul_and_surrogates_in_text_are_client_errors_or_stored_clean() -> None:
    client = api_client("office")
    for title in ["海洋\x00装备", "bad \ud800 text"]:
        body = json.dumps({"title": title}, ensure_ascii=True)
        response = client.post("/api/v1/demands/", data=body, content_type="application/json")
        assert response.status_code < 500, response.content[:300]
        assert response["Content-Type"].startswith("application/json")


def test_request_bodies_over_the_limit_are_refused_before_reading() -> None:
    # Given a 3 MB JSON description (over the 2.5 MB limit)
    body = json.dumps({"title": "x", "description": "长" * 1_100_000})
    # When it is posted
    response = api_client("office").post(
        "/api/v1/demands/", data=body, content_type="application/json"
    )
    # Then 413 in JSON
    assert _json_error(response, 413)["code"] == "too_large"
