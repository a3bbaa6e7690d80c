"""API documentation: operations grouped by domain, each with a summary (ADR 0048).

The domains are declared once here (``TAGS``, with a description each, read by
``SPECTACULAR_SETTINGS``); :func:`group_by_domain` gives every operation the tag of its URL's
first segment after ``/api/v1/``, and a summary when its view declared none: the first sentence
of the view's description, or else one written from the method and the path.
"""

from __future__ import annotations

import re
from typing import Any

API_PREFIX = "/api/v1/"

TAGS: list[dict[str, str]] = [
    {"name": "Accounts", "description": "Sign in for an API token; who I am and my roles."},
    {
        "name": "Parties",
        "description": "Parties of the mechanism (organisations, regions, "
        "parks, units) and the key-region × priority-field matrix.",
    },
    {"name": "Taxonomy", "description": "Fields of cooperation and the mechanism's measures."},
    {
        "name": "Listings",
        "description": "Demands, capabilities and achievements: draft, submit, review, publish.",
    },
    {
        "name": "Matching",
        "description": "Match runs (point to point, coalition, batch) and "
        "expressions of interest with their answers.",
    },
    {
        "name": "Cooperation",
        "description": "Cooperation items, park pairings, key tasks, "
        "progress reports and the joint office's dashboard and inbox.",
    },
    {
        "name": "Policies",
        "description": "The policy catalogue: versions, clauses, editions, "
        "diffs, citations and what applies to a party.",
    },
    {"name": "Transfer", "description": "Technology transfer contracts and their steps."},
    {
        "name": "Talent",
        "description": "The negative list for foreign talent, pre-checks and work permits.",
    },
    {"name": "Credit", "description": "Credit supervision: subjects, events and grades."},
    {
        "name": "Meetings",
        "description": "Promotion meetings: delegates, topics, requests, "
        "schedules, decisions and follow-up actions.",
    },
    {"name": "Evaluation", "description": "Evaluation datasets, runs, scores and allocations."},
    {"name": "Jobs", "description": "Long-running work on the job queue, with progress."},
    {
        "name": "Notifications",
        "description": "My notifications, marking them read, and my notification e-mail settings.",
    },
]

BY_SEGMENT: dict[str, str] = {
    "auth": "Accounts",
    "me": "Accounts",
    "parties": "Parties",
    "priority-matrix": "Parties",
    "fields": "Taxonomy",
    "measures": "Taxonomy",
    "demands": "Listings",
    "capabilities": "Listings",
    "achievements": "Listings",
    "match-runs": "Matching",
    "interests": "Matching",
    "items": "Cooperation",
    "tasks": "Cooperation",
    "pairings": "Cooperation",
    "cooperation": "Cooperation",
    "policies": "Policies",
    "transfers": "Transfer",
    "talent": "Talent",
    "credit": "Credit",
    "meetings": "Meetings",
    "evaluation": "Evaluation",
    "jobs": "Jobs",
    "notifications": "Notifications",
}
NOUNS: dict[str, tuple[str, str]] = {
    "achievements": ("an achievement", "achievements"),
    "capabilities": ("a capability", "capabilities"),
    "demands": ("a demand", "demands"),
    "items": ("a cooperation item", "cooperation items"),
    "tasks": ("a key task", "key tasks"),
    "pairings": ("a park pairing", "park pairings"),
    "interests": ("an expression of interest", "expressions of interest"),
    "match-runs": ("a match run", "match runs"),
    "fields": ("a field", "fields"),
    "measures": ("a measure", "measures"),
    "parties": ("a party", "parties"),
}
# (method, path after the collection) → summary; {one} and {many} name the collection's records.
ACTIONS: dict[tuple[str, str], str] = {
    ("get", ""): "List {many} I may see",
    ("post", ""): "Create {one}",
    ("get", "{}"): "One of the {many}",
    ("put", "{}"): "Replace {one}",
    ("patch", "{}"): "Change {one}",
    ("delete", "{}"): "Delete {one}",
    ("get", "{}/history"): "Change history of {one}",
    ("post", "{}/transition"): "Take a workflow step on {one}",
    ("post", "{}/renew"): "Renew {one} for another period",
    ("post", "import"): "Import {many} from a spreadsheet or JSON lines (a job)",
    ("get", "template"): "The import template for {many}",
    ("post", "{}/answer"): "Accept or decline {one}",
    ("post", "{}/withdraw"): "Withdraw {one}",
    ("get", "feedback"): "Why partners declined, for matching feedback",
    ("post", "{}/adjust"): "Adjust {one}: a new version with a reason",
    ("get", "{}/compare"): "Compare two versions of {one}",
    ("get", "{}/versions"): "Versions of {one}",
    ("get", "{}/reports"): "Progress reports on {one}",
    ("post", "{}/reports"): "Submit a progress report on {one}",
    ("post", "{}/milestones"): "Add a milestone to {one}",
    ("post", "{}/activities"): "Record an activity of {one}",
    ("post", "{}/platforms"): "Record a platform co-built under {one}",
    ("post", "{}/results"): "Record a result of {one}",
}
BY_PATH: dict[tuple[str, str], str] = {
    ("get", "me"): "Who I am: user name and roles at parties",
    ("get", "cooperation/dashboard"): "The joint office's dashboard: items, tasks and reports",
    ("get", "cooperation/inbox"): "What waits for me: reviews, answers and reports due",
}
VERBS = {"get": "Read", "post": "Create", "put": "Replace", "patch": "Update", "delete": "Delete"}


def tag_of(path: str) -> str:
    segment = path.removeprefix(API_PREFIX).split("/", 1)[0]
    if segment.startswith("meeting"):
        return "Meetings"
    return BY_SEGMENT.get(segment, "")


def _first_sentence(text: str) -> str:
    """Up to the first full stop outside brackets (so "e.g." inside them does not end it)."""
    line, depth = " ".join(text.strip().split()), 0
    for at, char in enumerate(line):
        depth += {"(": 1, "（": 1, ")": -1, "）": -1}.get(char, 0)
        if char in ".。" and depth <= 0 and line[at + 1 : at + 2] in ("", " "):
            return line[:at]
    return line


def _by_rule(method: str, path: str) -> str:
    rest = path.removeprefix(API_PREFIX).strip("/")
    if (method, rest) in BY_PATH:
        return BY_PATH[(method, rest)]
    collection, _, tail = rest.partition("/")
    tail = re.sub(r"\{[^}]+\}", "{}", tail)
    rule = ACTIONS.get((method, tail))
    if collection not in NOUNS or rule is None:
        return ""
    one, many = NOUNS[collection]
    return rule.format(one=one, many=many)


def _written(method: str, path: str) -> str:
    words = [p for p in path.removeprefix(API_PREFIX).strip("/").split("/") if "{" not in p]
    return f"{VERBS.get(method, method.upper())} {' '.join(words).replace('-', ' ')}".strip()


def summary_of(method: str, path: str, operation: dict[str, Any]) -> str:
    """The view's own summary, else a rule's, else the description's first sentence."""
    return (
        operation.get("summary")
        or _by_rule(method, path)
        or _first_sentence(operation.get("description", ""))
        or _written(method, path)
    )


def group_by_domain(result: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: domain tags and a summary on every operation."""
    for path, operations in result.get("paths", {}).items():
        tag = tag_of(path)
        for method, operation in operations.items():
            if method not in VERBS:
                continue
            if tag:
                operation["tags"] = [tag]
            operation["summary"] = summary_of(method, path, operation)
    result["tags"] = TAGS
    return result
