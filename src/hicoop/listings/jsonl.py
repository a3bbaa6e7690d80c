"""Loading records from JSON-lines files (e.g. the CSL paper metadata) with a field mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from hicoop.core.actors import Actor
from hicoop.listings import spreadsheets
from hicoop.listings.spreadsheets import ImportFailed, ImportResult, RowError

# CSL records: {id, title, abstract, keywords[], discipline, category}
CSL_MAPPING = {
    "external_id": "id",
    "title": "title",
    "abstract": "abstract",
    "keywords": "keywords",
}


def parse_mapping(text: str) -> dict[str, str]:
    """``"title=title,abstract=text"`` → ``{"title": "title", "abstract": "text"}``."""
    mapping = {}
    for part in text.split(","):
        if "=" not in part:
            raise ImportFailed(_("Write the mapping as target=source pairs separated by commas."))
        target, source = (p.strip() for p in part.split("=", 1))
        mapping[target] = source
    return mapping


def read_rows(
    path: Path,
    mapping: Mapping[str, str],
    defaults: Mapping[str, Any],
    limit: int | None,
    prefix: str,
) -> list[tuple[int, dict[str, Any]]]:
    if not path.exists():
        raise ImportFailed(_("File not found: %(path)s") % {"path": path})
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(rows) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(RowError(number, "json", str(exc)).as_dict())
                continue
            raw = dict(defaults)
            raw.update({target: record.get(source) for target, source in mapping.items()})
            if raw.get("external_id"):
                raw["external_id"] = f"{prefix}{raw['external_id']}"
            rows.append((number, raw))
    if errors:
        raise ImportFailed(details={"rows": errors})
    return rows


def import_jsonl(
    *,
    kind: str,
    path: Path,
    mapping: Mapping[str, str],
    owner: str,
    actor: Actor,
    status: str,
    limit: int | None,
    prefix: str = "",
) -> ImportResult:
    defaults = {"owner": owner, "status": status}
    rows = read_rows(path, mapping, defaults, limit, prefix)
    return spreadsheets.import_rows(kind=kind, rows=rows, actor=actor)
